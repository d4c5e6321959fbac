namespace ChurnOps.Server.Dashboard.Monitoring;

/// <summary>
/// One window of a version's performance over time: how many predictions and labels, the CBPE estimate (with its band)
/// and the realised figures once labels have arrived. Null where a figure is undefined or could not be computed.
/// </summary>
internal sealed record PerformancePoint(
    DateTimeOffset From,
    DateTimeOffset To,
    long Predictions,
    long Labelled,
    double? EstimatedAuc,
    double? EstimatedAucLower,
    double? EstimatedAucUpper,
    double? EstimatedPrecision,
    double? EstimatedRecall,
    double? RealisedAuc,
    double? RealisedPrecision,
    double? RealisedRecall);
