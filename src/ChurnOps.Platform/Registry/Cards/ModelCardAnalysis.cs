namespace ChurnOps.Platform.Registry.Cards;

/// <summary>
/// Model Card Toolkit's quantitative_analysis: every metric on the test split with its confidence interval, overall
/// (slice "") and per segment ("region=west"), how the intervals were computed, the threshold policy, and the segments.
/// </summary>
public sealed record ModelCardAnalysis(
    string Split,
    string Method,
    IReadOnlyList<ModelCardMetric> PerformanceMetrics,
    ModelCardThresholdPolicy ThresholdPolicy,
    IReadOnlyList<ModelCardSegment> Segments);
