using ChurnOps.Training.Candidates;

namespace ChurnOps.Training.Packaging;

/// <summary>Facts about a packaged model: which trainer and parameters made it, its metrics, threshold policy, seed and time.</summary>
public sealed record ModelMetadata(
    string Trainer,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    IReadOnlyDictionary<string, double> TestMetrics,
    double Threshold,
    string ThresholdPolicy,
    int Seed,
    DateTimeOffset TrainedAt)
{
    public string Format { get; init; } = "churnops-model/1";
}
