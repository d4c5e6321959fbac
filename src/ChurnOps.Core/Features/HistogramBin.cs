namespace ChurnOps.Core.Features;

/// <summary>One bar of a feature histogram: a numeric range [Lower, Upper) or one text value.</summary>
public sealed record HistogramBin(double? Lower, double? Upper, string? Value, long Count);
