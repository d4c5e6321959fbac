namespace ChurnOps.Server.Dashboard.Alerts;

/// <summary>The Alerts page: the filter it shows (active = open and acked), the totals and the alerts grouped by owning team.</summary>
internal sealed record AlertsPageModel(string Status, string? Team, int Open, int Acked, IReadOnlyList<AlertTeamGroup> Teams);
