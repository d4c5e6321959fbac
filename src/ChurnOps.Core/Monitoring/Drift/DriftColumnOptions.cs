namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>A per-column override: the test to use and/or its threshold (null = Evidently's choice and default).</summary>
public sealed record DriftColumnOptions(DriftTest? Test = null, double? Threshold = null);
