namespace ChurnOps.Core.Tracking;

/// <summary>A run's attributes (MLflow's RunInfo). Times are epoch milliseconds; EndTime is null while the run is running.</summary>
public sealed record RunInfo(
    string RunId,
    string RunName,
    string ExperimentId,
    string UserId,
    string Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    string LifecycleStage);
