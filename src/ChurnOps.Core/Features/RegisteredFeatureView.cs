namespace ChurnOps.Core.Features;

/// <summary>A version of a feature view as registered by apply.</summary>
public sealed record RegisteredFeatureView(FeatureViewDefinition Definition, string Version, DateTimeOffset RegisteredAt);
