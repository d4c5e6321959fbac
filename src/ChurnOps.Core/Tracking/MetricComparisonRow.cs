namespace ChurnOps.Core.Tracking;

/// <summary>One metric's latest value across compared runs, and the spread between the highest and lowest.</summary>
public sealed record MetricComparisonRow(string Key, IReadOnlyList<double?> Values, double? Spread);
