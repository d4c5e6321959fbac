using System.Globalization;
using ChurnOps.Core.Alerts;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Alerts;

/// <summary>
/// /ui/alerts?status=&amp;team= (twin /api/v1/alerts): open and acked alerts (or any status) grouped by the team that owns
/// them, with ack and resolve buttons that call /api/v1/alerts/{id}/ack|resolve.
/// </summary>
internal static class AlertPages
{
    public static void Map(IEndpointRouteBuilder ui) => ui.MapGet("/alerts", RenderAsync);

    private static async Task<DashboardPageResult> RenderAsync(string? status, string? team, AlertsReader reader, CancellationToken ct)
    {
        var (model, error) = await reader.ListAsync(status, team, ct).ConfigureAwait(false);
        if (model is null)
        {
            return DashboardErrors.BadRequest("Bad filter", DashboardErrors.Excerpt(error, 200), DashboardSection.Alerts);
        }

        var twin = "/api/v1/alerts?status=" + Uri.EscapeDataString(model.Status) + (model.Team is null ? string.Empty : "&team=" + Uri.EscapeDataString(model.Team));
        return new DashboardPageResult(new DashboardPage("Alerts", DashboardSection.Alerts, twin, w => Write(w, model)));
    }

    private static void Write(HtmlWriter w, AlertsPageModel model)
    {
        using (w.Tag("form", ("class", "filter"), ("method", "get"), ("action", DashboardSection.Alerts.Path)))
        {
            using (w.Tag("label"))
            {
                w.Text("Status");
                using (w.Tag("select", ("name", "status")))
                {
                    foreach (var filter in AlertsReader.Filters)
                    {
                        w.Element("option", filter == AlertsReader.Active ? "active (open and acked)" : filter, ("value", filter), ("selected", filter == model.Status ? string.Empty : null));
                    }
                }
            }

            using (w.Tag("label"))
            {
                w.Text("Team (empty: every team)");
                w.Void("input", ("name", "team"), ("type", "text"), ("value", model.Team), ("maxlength", "100"));
            }

            w.Element("button", "Show", ("type", "submit"));
        }

        using (w.Tag("div", ("class", "cards")))
        {
            OperationsHtml.Card(w, "open", DashboardFormat.Count(model.Open));
            OperationsHtml.Card(w, "acked", DashboardFormat.Count(model.Acked));
            OperationsHtml.Card(w, "teams", DashboardFormat.Count(model.Teams.Count));
        }

        if (model.Teams.Count == 0)
        {
            OperationsHtml.Nothing(w, model.Status == AlertsReader.Active
                ? "No open alerts: nothing needs attention. Monitoring, SLA checks and deployments raise alerts to the team that owns the cause."
                : $"No {model.Status} alerts{(model.Team is null ? string.Empty : " for " + model.Team)}.", "churnops alerts list");
            return;
        }

        using (w.Tag("section", ("data-action-scope", "")))
        {
            using (w.Tag("p"))
            {
                using (w.Tag("label"))
                {
                    w.Text("Acting as ");
                    w.Void("input", ("id", "alert-by"), ("name", "by"), ("type", "text"), ("maxlength", "200"), ("autocomplete", "off"), ("placeholder", "your name"));
                }
            }

            OperationsHtml.ActionStatus(w);
            foreach (var group in model.Teams)
            {
                WriteTeam(w, group);
            }
        }
    }

    private static void WriteTeam(HtmlWriter w, AlertTeamGroup group)
    {
        var anchor = "team-" + new string(group.Team.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        using (w.Tag("section", ("class", "panel"), ("aria-labelledby", anchor)))
        {
            w.Element("h2", $"{group.Team} · {group.Open.ToString(CultureInfo.InvariantCulture)} open, {group.Acked.ToString(CultureInfo.InvariantCulture)} acked", ("id", anchor));
            using (OperationsHtml.Table(w, $"Alerts owned by {group.Team}, newest first.", ["Alert", "Severity", "Status", "What", "Raised", "Handled", "Act"]))
            {
                foreach (var alert in group.Alerts)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("th", ("scope", "row")))
                        {
                            w.Text("#" + alert.Id.ToString(CultureInfo.InvariantCulture) + " ");
                            w.Element("span", alert.Type, ("class", "mono"));
                        }

                        using (w.Tag("td"))
                        {
                            OperationsHtml.Pill(w, alert.Severity, alert.Severity switch { AlertSeverity.Critical => "bad", AlertSeverity.Warning => "warn", _ => "neutral" });
                        }

                        using (w.Tag("td"))
                        {
                            OperationsHtml.Pill(w, alert.Status, alert.Status switch { AlertStatus.Open => "bad", AlertStatus.Acked => "warn", _ => "ok" });
                        }

                        using (w.Tag("td"))
                        {
                            w.Element("strong", alert.Subject);
                            w.Text(" — " + alert.Message);
                            if (alert.Runbook is { } runbook)
                            {
                                w.Element("div", "runbook: " + runbook, ("class", "muted mono"));
                            }
                        }

                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, alert.RaisedAt);
                        }

                        OperationsHtml.Cell(w, alert.StatusChangedBy is null ? null : $"{alert.StatusChangedBy}, {DashboardFormat.Time(alert.StatusChangedAt)}{(alert.StatusNote is null ? string.Empty : ": " + alert.StatusNote)}");
                        using (w.Tag("td"))
                        {
                            var api = "/api/v1/alerts/" + alert.Id.ToString(CultureInfo.InvariantCulture);
                            if (alert.Status == AlertStatus.Open)
                            {
                                w.Element("button", "Ack", ("type", "button"), ("data-action", api + "/ack"), ("data-fields", "alert-by"), ("aria-label", $"Acknowledge alert {alert.Id.ToString(CultureInfo.InvariantCulture)}"));
                                w.Text(" ");
                            }

                            if (alert.Status != AlertStatus.Resolved)
                            {
                                w.Element("button", "Resolve", ("type", "button"), ("class", "secondary"), ("data-action", api + "/resolve"), ("data-fields", "alert-by"),
                                    ("aria-label", $"Resolve alert {alert.Id.ToString(CultureInfo.InvariantCulture)}"));
                            }
                        }
                    }
                }
            }
        }
    }
}
