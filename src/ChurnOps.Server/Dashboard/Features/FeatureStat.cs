namespace ChurnOps.Server.Dashboard.Features;

/// <summary>A feature's statistics from the view's last build, with its histogram (numeric bins or top values).</summary>
internal sealed record FeatureStat(string Feature, string? Description, bool IsNumeric, long Count, long Nulls, double? Mean, double? Std, double? Min, double? Max, long Distinct, IReadOnlyList<FeatureBin> Histogram);
