namespace ChurnOps.Core.Registry;

public sealed record NewRegisteredModel(
    string Name,
    string? Description,
    IReadOnlyDictionary<string, string> Tags,
    string? OwnerTeam);
