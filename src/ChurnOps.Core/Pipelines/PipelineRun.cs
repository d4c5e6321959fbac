namespace ChurnOps.Core.Pipelines;

/// <summary>
/// One run of a pipeline. <see cref="TriggerKey"/> names what started it (<c>event:42</c>, <c>schedule:2026-11-30T06:00:00Z</c>,
/// <c>manual:…</c>) and is unique per pipeline, so the same event or schedule instant never starts two runs.
/// <see cref="LogicalDate"/> is the instant the run stands for (a schedule's fire time, the backfilled interval).
/// </summary>
public sealed record PipelineRun(
    long Id,
    string Pipeline,
    PipelineRunState State,
    string Trigger,
    string TriggerKey,
    DateTimeOffset LogicalDate,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Error,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt);
