namespace ChurnOps.Server.Dashboard.Models;

/// <summary>One registered model in the registry list: its newest version, the version serving (the serving alias) and how many wait for sign-off.</summary>
internal sealed record RegistryModelRow(
    string Name,
    string? Description,
    string? OwnerTeam,
    int Versions,
    int? LatestVersion,
    int? ServingVersion,
    int PendingApproval,
    DateTimeOffset UpdatedAt);
