using System.Globalization;
using ChurnOps.Core.Deployments;
using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Models;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Deployments;

/// <summary>
/// /ui/deployments (twin /api/v1/deployments) and /ui/deployments/{id} (twin /api/v1/deployments/{id}): the traffic
/// split, the plan's steps, each step's analysis figures and checks, and promote / pause / resume / roll back buttons
/// that call the existing deployment API.
/// </summary>
internal static class DeploymentPages
{
    public static void Map(IEndpointRouteBuilder ui)
    {
        ui.MapGet("/deployments", ListAsync);
        ui.MapGet("/deployments/{id}", DeploymentAsync);
    }

    public static string Path(long id) => "/ui/deployments/" + id.ToString(CultureInfo.InvariantCulture);

    private static string StatusClass(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Active => "warn",
        DeploymentStatus.Paused => "neutral",
        DeploymentStatus.Completed => "ok",
        _ => "bad",
    };

    private static async Task<DashboardPageResult> ListAsync(DeploymentsReader reader, ChurnOps.Platform.Projects.ProjectConfig config, CancellationToken ct)
    {
        var deployments = await reader.ListAsync(ct).ConfigureAwait(false);
        return new DashboardPageResult(new DashboardPage("Deployments", DashboardSection.Deployments, "/api/v1/deployments", w =>
        {
            if (deployments.Count == 0)
            {
                OperationsHtml.Nothing(w, "No deployments yet. A deployment sends a share of traffic to an approved version and widens it step by step while its live figures pass.",
                    $"churnops deploy {config.Model.Name} --version N --canary 10");
                return;
            }

            string[] numeric = ["Stable", "Candidate", "Step"];
            using (OperationsHtml.Table(w, $"Deployments newest first (at most {DeploymentsReader.ListLimit.ToString(CultureInfo.InvariantCulture)}). Traffic is the share each arm answers.",
                ["Deployment", "Model", "Status", .. numeric, "Traffic", "Started", "By", "Why"], numeric.ToHashSet()))
            {
                foreach (var d in deployments)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("th", ("scope", "row")))
                        {
                            w.Link(Path(d.Id), "#" + d.Id.ToString(CultureInfo.InvariantCulture));
                        }

                        OperationsHtml.Cell(w, d.ModelName);
                        using (w.Tag("td"))
                        {
                            OperationsHtml.Pill(w, ChurnOps.Platform.Deployments.DeploymentService.Status(d.Status), StatusClass(d.Status));
                        }

                        OperationsHtml.Cell(w, "v" + d.StableVersion.ToString(CultureInfo.InvariantCulture), numeric: true);
                        OperationsHtml.Cell(w, "v" + d.CandidateVersion.ToString(CultureInfo.InvariantCulture), numeric: true);
                        OperationsHtml.Cell(w, $"{d.StepIndex + 1} of {d.Steps.Count}", numeric: true);
                        OperationsHtml.Cell(w, Split(d));
                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, d.CreatedAt);
                        }

                        OperationsHtml.Cell(w, d.CreatedBy);
                        OperationsHtml.Cell(w, d.Reason);
                    }
                }
            }
        }));
    }

    private static async Task<DashboardPageResult> DeploymentAsync(string id, DeploymentsReader reader, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return DashboardErrors.NotFound("Deployment not found", $"'{DashboardErrors.Excerpt(id)}' is not a deployment id; ids are numbers (see the list).", DashboardSection.Deployments);
        }

        if (await reader.GetAsync(number, ct).ConfigureAwait(false) is not { } model)
        {
            return DashboardErrors.NotFound("Deployment not found", $"There is no deployment {number.ToString(CultureInfo.InvariantCulture)}.", DashboardSection.Deployments);
        }

        var d = model.Deployment;
        return new DashboardPageResult(new DashboardPage($"Deployment #{d.Id.ToString(CultureInfo.InvariantCulture)} · {d.ModelName} v{d.CandidateVersion.ToString(CultureInfo.InvariantCulture)}",
            DashboardSection.Deployments, "/api/v1/deployments/" + d.Id.ToString(CultureInfo.InvariantCulture), w => Write(w, model))
        {
            Trail = [("Deployments", DashboardSection.Deployments.Path)],
        });
    }

    private static void Write(HtmlWriter w, DeploymentPageModel model)
    {
        var d = model.Deployment;
        using (w.Tag("div", ("class", "cards")))
        {
            using (w.Tag("div", ("class", "card")))
            {
                using (w.Tag("div", ("class", "value")))
                {
                    OperationsHtml.Pill(w, model.Status, StatusClass(d.Status));
                }

                w.Element("div", "status", ("class", "label"));
            }

            OperationsHtml.Card(w, $"stable v{d.StableVersion.ToString(CultureInfo.InvariantCulture)} answers", d.StableWeight.ToString(CultureInfo.InvariantCulture) + "%");
            OperationsHtml.Card(w, $"candidate v{d.CandidateVersion.ToString(CultureInfo.InvariantCulture)} {(d.Shadow ? "mirrors" : "answers")}", d.CandidateWeight.ToString(CultureInfo.InvariantCulture) + "%");
            OperationsHtml.Card(w, "step", $"{d.StepIndex + 1} of {d.Steps.Count}");
            OperationsHtml.Card(w, "each step runs", FormatInterval(d.Interval));
        }

        using (w.Tag("p"))
        {
            w.Text($"Alias '{d.Alias}' of ");
            w.Link(ModelPages.Path(d.ModelName), d.ModelName);
            w.Text(": stable ");
            w.Link(ModelPages.Path(d.ModelName, d.StableVersion), "v" + d.StableVersion.ToString(CultureInfo.InvariantCulture));
            w.Text(", candidate ");
            w.Link(ModelPages.Path(d.ModelName, d.CandidateVersion), "v" + d.CandidateVersion.ToString(CultureInfo.InvariantCulture));
            w.Text($"{(d.Shadow ? " (shadow: the candidate's answers are never returned)" : string.Empty)}. Started by {d.CreatedBy} ");
            DashboardFormat.Time(w, d.CreatedAt);
            w.Text(".");
            if (d.Reason is { Length: > 0 } reason)
            {
                w.Text(" Last decision: " + reason + ".");
            }
        }

        WriteActions(w, d);
        BarChart.Write(w, "Traffic split now", "arm", "share of requests (%)",
            [$"stable v{d.StableVersion.ToString(CultureInfo.InvariantCulture)}", $"candidate v{d.CandidateVersion.ToString(CultureInfo.InvariantCulture)}"],
            [new BarSeries("weight", [d.StableWeight, d.Shadow ? 0 : d.CandidateWeight])]);
        w.Element("h2", "Steps");
        string[] numeric = ["Candidate weight"];
        using (OperationsHtml.Table(w, "The plan: the candidate's weight at each step; the alias moves at 100%.", ["Step", .. numeric, "State"], numeric.ToHashSet()))
        {
            foreach (var step in model.Steps)
            {
                using (w.Tag("tr", ("aria-current", step.State == DeploymentStepRow.Current ? "step" : null)))
                {
                    w.Element("th", step.Step.ToString(CultureInfo.InvariantCulture), ("scope", "row"));
                    OperationsHtml.Cell(w, step.Weight.ToString(CultureInfo.InvariantCulture) + "%", numeric: true);
                    using (w.Tag("td"))
                    {
                        OperationsHtml.Pill(w, step.State, step.State switch
                        {
                            DeploymentStepRow.Passed => "ok",
                            DeploymentStepRow.Current => "warn",
                            DeploymentStepRow.RolledBack => "bad",
                            _ => "neutral",
                        });
                    }
                }
            }
        }

        w.Element("h2", "History and analysis");
        foreach (var entry in model.History.Reverse())
        {
            WriteEntry(w, d, entry);
        }
    }

    private static void WriteActions(HtmlWriter w, Deployment d)
    {
        if (!d.IsOpen)
        {
            w.Element("p", "This deployment is over; its history stays below.", ("class", "muted"));
            return;
        }

        var api = "/api/v1/deployments/" + d.Id.ToString(CultureInfo.InvariantCulture);
        using (w.Tag("section", ("class", "panel"), ("aria-label", "Act on the deployment"), ("data-action-scope", "")))
        {
            using (w.Tag("div", ("class", "pager")))
            {
                w.Element("button", "Promote to the next step", ("type", "button"), ("data-action", api + "/promote"),
                    ("data-confirm", $"Promote deployment #{d.Id.ToString(CultureInfo.InvariantCulture)} to its next step without waiting for the analysis?"));
                if (d.Status == DeploymentStatus.Active)
                {
                    w.Element("button", "Pause", ("type", "button"), ("class", "secondary"), ("data-action", api + "/pause"));
                }
                else
                {
                    w.Element("button", "Resume", ("type", "button"), ("class", "secondary"), ("data-action", api + "/resume"));
                }

                w.Element("button", "Roll back", ("type", "button"), ("class", "secondary"), ("data-action", api + "/rollback"),
                    ("data-confirm", $"Roll back deployment #{d.Id.ToString(CultureInfo.InvariantCulture)}? The candidate gets no more traffic; the alias stays on v{d.StableVersion.ToString(CultureInfo.InvariantCulture)}."));
            }

            OperationsHtml.ActionStatus(w);
        }
    }

    private static void WriteEntry(HtmlWriter w, Deployment d, DeploymentHistoryRow entry)
    {
        using (w.Tag("section", ("class", "panel"), ("aria-label", $"{entry.Action} at step {entry.JudgedStep.ToString(CultureInfo.InvariantCulture)}")))
        {
            using (w.Tag("h3"))
            {
                w.Text($"{entry.Action} · step {entry.JudgedStep.ToString(CultureInfo.InvariantCulture)} → candidate at {entry.CandidateWeight.ToString(CultureInfo.InvariantCulture)}% · ");
                DashboardFormat.Time(w, entry.At);
            }

            if (entry.Reason is { Length: > 0 } reason)
            {
                w.Element("p", reason);
            }

            if (entry.Checks.Count > 0)
            {
                using (OperationsHtml.Table(w, "The step's checks: skipped ones (no labels yet) are neither passed nor failed.", ["Check", "Outcome", "Measured", "Threshold", "Detail"], new HashSet<string> { "Measured" }))
                {
                    foreach (var check in entry.Checks)
                    {
                        using (w.Tag("tr"))
                        {
                            w.Element("th", check.Name, ("scope", "row"));
                            using (w.Tag("td"))
                            {
                                OperationsHtml.Pill(w, check.Outcome.ToString().ToLowerInvariant(), check.Outcome switch { CheckOutcome.Passed => "ok", CheckOutcome.Failed => "bad", _ => "neutral" });
                            }

                            OperationsHtml.Cell(w, check.Measured, numeric: true);
                            OperationsHtml.Cell(w, check.Threshold);
                            OperationsHtml.Cell(w, check.Message);
                        }
                    }
                }
            }

            if (entry.Figures.Count > 0)
            {
                string[] numeric = ["Version", "Requests", "Errors", "Error rate", "p99 (ms)", "Scores"];
                using (OperationsHtml.Table(w, "Each arm's live figures over the step.", ["Arm", .. numeric], numeric.ToHashSet()))
                {
                    foreach (var arm in entry.Figures)
                    {
                        using (w.Tag("tr"))
                        {
                            w.Element("th", arm.Arm, ("scope", "row"));
                            OperationsHtml.Cell(w, "v" + arm.Version.ToString(CultureInfo.InvariantCulture), numeric: true);
                            OperationsHtml.Cell(w, DashboardFormat.Count(arm.Requests), numeric: true);
                            OperationsHtml.Cell(w, DashboardFormat.Count(arm.Errors), numeric: true);
                            OperationsHtml.Cell(w, arm.ErrorRate.ToString("P2", CultureInfo.InvariantCulture), numeric: true);
                            OperationsHtml.Cell(w, DashboardFormat.Number(arm.P99Milliseconds), numeric: true);
                            OperationsHtml.Cell(w, DashboardFormat.Count(arm.Scores), numeric: true);
                        }
                    }
                }

                if (entry.Figures.Any(f => f.Scores > 0))
                {
                    var bins = Enumerable.Range(0, ScoreShift.Bins).Select(b => $"{b / (double)ScoreShift.Bins:0.0}–{(b + 1) / (double)ScoreShift.Bins:0.0}").ToList();
                    BarChart.Write(w, $"Score distribution at step {entry.JudgedStep.ToString(CultureInfo.InvariantCulture)}", "churn probability", "share of scores (%)", bins,
                        [.. entry.Figures.Where(f => f.Scores > 0).Select(f => new BarSeries($"{f.Arm} v{f.Version.ToString(CultureInfo.InvariantCulture)}", Shares(f.ScoreHistogram)))]);
                }
            }
        }
    }

    private static IReadOnlyList<double> Shares(IReadOnlyList<long> counts)
    {
        var total = counts.Sum();
        return counts.Select(c => total == 0 ? 0 : 100.0 * c / total).ToList();
    }

    private static string Split(Deployment d) =>
        d.Shadow ? $"stable 100% (candidate mirrors {d.CandidateWeight}%)" : $"stable {d.StableWeight}% · candidate {d.CandidateWeight}%";

    private static string FormatInterval(TimeSpan interval) =>
        interval.TotalHours >= 1 && interval.TotalHours == Math.Floor(interval.TotalHours) ? $"{interval.TotalHours:0}h"
        : interval.TotalMinutes >= 1 && interval.TotalMinutes == Math.Floor(interval.TotalMinutes) ? $"{interval.TotalMinutes:0}m"
        : $"{interval.TotalSeconds:0}s";
}
