namespace ChurnOps.Platform.Registry.Cards;

/// <summary>A model input, its kind, and the feature view (and view version) it comes from when known.</summary>
public sealed record ModelCardFeature(string Name, string Kind, string? View, string? ViewVersion);
