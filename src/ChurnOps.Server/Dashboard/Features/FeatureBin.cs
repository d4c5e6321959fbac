namespace ChurnOps.Server.Dashboard.Features;

/// <summary>One histogram bar: its label ("0–10" or a category value), row count, and for a numeric bin where it starts.</summary>
internal sealed record FeatureBin(string Label, long Count, double? Lower = null);
