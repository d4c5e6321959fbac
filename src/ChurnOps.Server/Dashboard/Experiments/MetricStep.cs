namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>One point of a metric's history in a comparison.</summary>
internal sealed record MetricStep(string RunId, long Step, double Value);
