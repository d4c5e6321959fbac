namespace ChurnOps.Core.Retraining;

/// <summary>
/// One retraining of a model, with every trigger that fired it and what came of it: the training run and the version
/// it registered (for approval, never straight to production), or the error.
/// </summary>
public sealed record RetrainingRun(
    long Id,
    string ModelName,
    string Status,
    IReadOnlyList<RetrainingTrigger> Triggers,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? TrainingRunId,
    int? RegisteredVersion,
    string? Error)
{
    public const string Started = "started";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
