namespace ChurnOps.Core.Tracking;

/// <summary>A named group of runs. Times are epoch milliseconds, the unit MLflow clients expect.</summary>
public sealed record Experiment(
    string ExperimentId,
    string Name,
    string ArtifactLocation,
    string LifecycleStage,
    long CreationTime,
    long LastUpdateTime,
    IReadOnlyList<TrackingTag> Tags);
