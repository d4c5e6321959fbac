namespace ChurnOps.Platform.Features;

public sealed record FeatureShowResult(bool Succeeded, string? Error, IReadOnlyList<FeatureViewSummary> Views);
