namespace ChurnOps.Core.Features;

/// <summary>
/// One column a feature view publishes, with the words its owner wrote about it. <paramref name="StorageType"/> is the
/// warehouse type its YAML declares (from <c>logical_type</c> / <c>physical_type</c>, as <see cref="FeatureStorageType"/>
/// resolves them); null keeps the type the SQL gives, narrowed where that is exact.
/// </summary>
public sealed record FeatureDefinition(string Name, string? Description, string? StorageType = null);
