namespace ChurnOps.Core.Pipelines;

/// <summary>
/// Pipeline runs and step attempts, persisted so history survives and a run whose process died is found (its lease
/// expired) and ended with the reason instead of staying "running" forever.
/// </summary>
public interface IPipelineRunStore
{
    /// <summary>Queues a run; null when a run with the same pipeline and trigger key exists (the event or instant was already handled).</summary>
    Task<PipelineRun?> QueueAsync(NewPipelineRun run, CancellationToken cancellationToken);

    /// <summary>Takes a queued run for <paramref name="owner"/> until <paramref name="leaseUntil"/>; false when another took it first.</summary>
    Task<bool> ClaimAsync(long runId, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Extends the lease of a run this owner holds; false when it no longer holds it.</summary>
    Task<bool> RenewLeaseAsync(long runId, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task FinishRunAsync(long runId, PipelineRunState state, string? error, CancellationToken cancellationToken);

    Task StartAttemptAsync(long runId, string step, int attempt, CancellationToken cancellationToken);

    Task FinishAttemptAsync(StepAttempt attempt, CancellationToken cancellationToken);

    Task<PipelineRun?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>The newest runs first; every pipeline when <paramref name="pipeline"/> is null.</summary>
    Task<IReadOnlyList<PipelineRun>> ListRunsAsync(string? pipeline, int limit, CancellationToken cancellationToken);

    /// <summary>Queued runs, oldest first.</summary>
    Task<IReadOnlyList<PipelineRun>> ListQueuedAsync(int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<StepAttempt>> ListAttemptsAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Ends every running run whose lease expired before <paramref name="now"/> as failed, with the reason; returns them.</summary>
    Task<IReadOnlyList<PipelineRun>> ReapExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A named position (the event log cursor); null when never set.</summary>
    Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken);

    Task SetCursorAsync(string name, long position, CancellationToken cancellationToken);

    Task SetPausedAsync(string pipeline, bool paused, CancellationToken cancellationToken);

    Task<IReadOnlySet<string>> ListPausedAsync(CancellationToken cancellationToken);
}
