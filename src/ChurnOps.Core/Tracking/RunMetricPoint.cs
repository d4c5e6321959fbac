namespace ChurnOps.Core.Tracking;

/// <summary>One metric observation tagged with its run, as MLflow's bulk history endpoints return it (MetricWithRunId).</summary>
public sealed record RunMetricPoint(string RunId, string Key, double Value, long Timestamp, long Step);
