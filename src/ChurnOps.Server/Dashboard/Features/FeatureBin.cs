namespace ChurnOps.Server.Dashboard.Features;

/// <summary>One histogram bar: its label ("0–10" or a category value) and row count.</summary>
internal sealed record FeatureBin(string Label, long Count);
