using ChurnOps.Core.Alerts;

namespace ChurnOps.Server.Dashboard.Alerts;

/// <summary>One owning team's alerts, newest first, with how many are open and acked.</summary>
internal sealed record AlertTeamGroup(string Team, int Open, int Acked, IReadOnlyList<Alert> Alerts);
