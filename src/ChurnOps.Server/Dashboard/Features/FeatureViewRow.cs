namespace ChurnOps.Server.Dashboard.Features;

/// <summary>A feature view in the list: its current version, its last build and materialization, and the models on it.</summary>
internal sealed record FeatureViewRow(
    string Name,
    string Version,
    string Entity,
    string? Owner,
    string? Description,
    string Source,
    int FeatureCount,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastBuiltAt,
    long? TableRows,
    DateTimeOffset? MaterializedAt,
    long? OnlineEntities,
    IReadOnlyList<ModelUse> UsedBy);
