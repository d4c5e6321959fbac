namespace ChurnOps.Core.Tracking;

/// <summary>One observation of a metric: value at a step, stamped with epoch milliseconds, as MLflow records it.</summary>
public sealed record MetricPoint(string Key, double Value, long Timestamp, long Step);
