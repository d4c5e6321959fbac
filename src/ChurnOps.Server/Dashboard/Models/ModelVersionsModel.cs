namespace ChurnOps.Server.Dashboard.Models;

/// <summary>One model's page: its description and owner, every version newest first, the aliases and the approval rule.</summary>
internal sealed record ModelVersionsModel(
    string Name,
    string? Description,
    string? OwnerTeam,
    IReadOnlyDictionary<string, int> Aliases,
    ApprovalRule Approval,
    IReadOnlyList<VersionRow> Versions);
