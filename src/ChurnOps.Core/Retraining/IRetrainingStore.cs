namespace ChurnOps.Core.Retraining;

/// <summary>Retrainings and the triggers that fired them.</summary>
public interface IRetrainingStore
{
    /// <summary>
    /// Records a started retraining for the triggers whose cause has not fired one before, atomically; null when every
    /// cause already has (nothing new to retrain for).
    /// </summary>
    Task<RetrainingRun?> TryStartAsync(string modelName, IReadOnlyList<RetrainingTrigger> triggers, DateTimeOffset at, CancellationToken cancellationToken);

    Task<RetrainingRun> CompleteAsync(long id, string status, string? trainingRunId, int? registeredVersion, string? error, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Newest first; every model when <paramref name="modelName"/> is null.</summary>
    Task<IReadOnlyList<RetrainingRun>> ListAsync(string? modelName, int max, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="cause"/> has already fired a retraining.</summary>
    Task<bool> HasFiredAsync(string cause, CancellationToken cancellationToken);
}
