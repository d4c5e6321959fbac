namespace ChurnOps.Core.Tracking;

public sealed record MetricHistoryPage(IReadOnlyList<MetricPoint> Metrics, string? NextPageToken);
