namespace ChurnOps.Platform.Registry.Cards;

/// <summary>Model Card Toolkit's performance_metric: type, value, slice, confidence interval; null value with a note when undefined.</summary>
public sealed record ModelCardMetric(string Type, double? Value, string Slice, ModelCardInterval? ConfidenceInterval, double Threshold, string? Note);
