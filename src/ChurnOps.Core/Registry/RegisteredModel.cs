namespace ChurnOps.Core.Registry;

/// <summary>A registered model: a name that versions are numbered under, with its description, tags and owning team.</summary>
public sealed record RegisteredModel(
    string Name,
    string? Description,
    IReadOnlyDictionary<string, string> Tags,
    string? OwnerTeam,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
