namespace ChurnOps.Core.Features;

/// <summary>One column a feature view publishes, with the words its owner wrote about it.</summary>
public sealed record FeatureDefinition(string Name, string? Description);
