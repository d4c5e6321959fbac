namespace ChurnOps.Core.Features;

/// <summary>Profile of one feature in one build, kept so monitoring can compare serving data with it later.</summary>
public sealed record FeatureStatistics(
    string Feature,
    bool IsNumeric,
    long Count,
    long Nulls,
    double? Mean,
    double? Std,
    double? Min,
    double? Max,
    long Distinct,
    IReadOnlyList<HistogramBin> Histogram);
