namespace ChurnOps.Server.Dashboard.Models;

/// <summary>Who signs versions off (registry.approval), whether the trainer may, and which alias serves traffic.</summary>
internal sealed record ApprovalRule(string? AccountableTeam, bool FourEyes, string ServingAlias);
