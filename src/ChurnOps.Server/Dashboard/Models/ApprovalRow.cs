namespace ChurnOps.Server.Dashboard.Models;

/// <summary>One recorded decision on a version: approve or reject, by whom for which team, when and why.</summary>
internal sealed record ApprovalRow(string Decision, string Team, string Actor, DateTimeOffset DecidedAt, string? Note, bool GatesPassedThen);
