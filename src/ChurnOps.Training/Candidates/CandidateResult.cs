namespace ChurnOps.Training.Candidates;

/// <summary>
/// One candidate after its search: the chosen hyper-parameters, metrics on validation (used for selection and gates)
/// and on test (report only), the decision threshold and the gate verdict.
/// </summary>
public sealed record CandidateResult(
    string Trainer,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    IReadOnlyDictionary<string, double> TestMetrics,
    double Threshold,
    bool PassedGates,
    IReadOnlyList<string> GateFailures,
    TimeSpan TrainingTime)
{
    /// <summary>Every hyper-parameter trial with its mean cross-validated AUC, in trial order.</summary>
    public IReadOnlyList<SearchTrial> Trials { get; init; } = [];
}
