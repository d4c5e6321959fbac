using ChurnOps.Training.Evaluation;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Training.Candidates;

/// <summary>
/// Everything a training run produced. <see cref="RunParams"/>, <see cref="RunMetrics"/> and <see cref="Artifacts"/> are
/// exactly what a tracking run should log; candidates keep their own params and metrics.
/// </summary>
public sealed record TrainingOutcome(
    bool Succeeded,
    string? Error,
    IReadOnlyList<CandidateResult> Candidates,
    CandidateResult? Winner,
    ModelPackage? WinnerPackage,
    DataSummary Data)
{
    public IReadOnlyDictionary<string, string> RunParams { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, double> RunMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Metrics with steps: each candidate's mean CV AUC per search trial ("{trainer}.cv_auc", step = trial).</summary>
    public IReadOnlyList<MetricStep> MetricHistory { get; init; } = [];

    /// <summary>Files to store with the run: PNG plots and JSON reports.</summary>
    public IReadOnlyList<TrainingArtifact> Artifacts { get; init; } = [];

    /// <summary>The winner's permutation importance on the validation split, most important first.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportance { get; init; } = [];

    /// <summary>The winner's calibration on the test split.</summary>
    public IReadOnlyList<CalibrationBin> Calibration { get; init; } = [];

    /// <summary>The winner's test rows, labels and scores and its validation scores; null when there is no winner.</summary>
    public HeldOutEvidence? Evidence { get; init; }

    public TimeSpan Elapsed { get; init; }

    internal static TrainingOutcome Failed(string error, DataSummary? data = null) =>
        new(false, error, [], null, null, data ?? DataSummary.Empty);
}
