namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>An experiment in the list: times in epoch milliseconds as MLflow keeps them.</summary>
internal sealed record ExperimentSummary(string ExperimentId, string Name, string LifecycleStage, long CreationTime, long LastUpdateTime);
