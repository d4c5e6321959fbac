namespace ChurnOps.Testing;

/// <summary>What <see cref="OperationsDemo.AddAsync"/> made: the pending and the canaried version, the canary, the pipeline run, the two alerts.</summary>
public sealed record OperationsData(int PendingVersion, int CanaryVersion, long Deployment, long PipelineRun, long DriftAlert, long SlaAlert);
