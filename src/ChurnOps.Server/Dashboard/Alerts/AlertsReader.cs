using ChurnOps.Core.Alerts;

namespace ChurnOps.Server.Dashboard.Alerts;

/// <summary>Alerts for the Alerts page and /api/v1/alerts, grouped by the team that owns them; acks go through the alert lifecycle.</summary>
internal sealed class AlertsReader(IAlertLifecycle alerts, TimeProvider time)
{
    public const string Active = "active";
    public const string All = "all";
    public const int Limit = 500;

    public static readonly IReadOnlyList<string> Filters = [Active, AlertStatus.Open, AlertStatus.Acked, AlertStatus.Resolved, All];

    /// <summary>Null with an error when <paramref name="status"/> is not one of <see cref="Filters"/>.</summary>
    public async Task<(AlertsPageModel? Model, string? Error)> ListAsync(string? status, string? team, CancellationToken ct)
    {
        var filter = string.IsNullOrWhiteSpace(status) ? Active : status.Trim().ToLowerInvariant();
        if (!Filters.Contains(filter, StringComparer.Ordinal))
        {
            return (null, $"status '{(filter.Length <= 20 ? filter : filter[..20] + "…")}' is not a filter; use {string.Join(", ", Filters)}");
        }

        var listed = await alerts.ListAsync(null, filter is Active or All ? null : filter, Limit, ct).ConfigureAwait(false);
        var shown = listed
            .Where(a => filter != Active || a.Status is AlertStatus.Open or AlertStatus.Acked)
            .Where(a => string.IsNullOrWhiteSpace(team) || string.Equals(a.Team, team.Trim(), StringComparison.Ordinal))
            .ToList();
        var groups = shown.GroupBy(a => a.Team, StringComparer.Ordinal)
            .Select(g => new AlertTeamGroup(g.Key, g.Count(a => a.Status == AlertStatus.Open), g.Count(a => a.Status == AlertStatus.Acked), g.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).ToList()))
            .OrderByDescending(g => g.Open).ThenBy(g => g.Team, StringComparer.Ordinal)
            .ToList();
        return (new AlertsPageModel(filter, string.IsNullOrWhiteSpace(team) ? null : team.Trim(), shown.Count(a => a.Status == AlertStatus.Open), shown.Count(a => a.Status == AlertStatus.Acked), groups), null);
    }

    public Task<Alert?> GetAsync(long id, CancellationToken ct) => alerts.GetAsync(id, ct);

    public Task<AlertTransition> MoveAsync(long id, string status, string by, string? note, CancellationToken ct) =>
        alerts.TransitionAsync(id, status, by, note, time.GetUtcNow(), ct);
}
