using System.Globalization;
using ChurnOps.Server.Dashboard.Graphs;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>
/// /ui/models (the registry), /ui/models/{name} (versions) and /ui/models/{name}/versions/{version} (metrics, sign-off,
/// lineage graph, model card); twins under /api/v1/models. Approve and reject call the native API, which applies the
/// registry's rules (accountable team, four eyes, gates); the page only shows the answer.
/// </summary>
internal static class ModelPages
{
    public static void Map(IEndpointRouteBuilder ui)
    {
        ui.MapGet("/models", ListAsync);
        ui.MapGet("/models/{name}", ModelAsync);
        ui.MapGet("/models/{name}/versions/{version}", VersionAsync);
    }

    public static string Path(string name) => "/ui/models/" + Uri.EscapeDataString(name);

    public static string Path(string name, int version) => Path(name) + "/versions/" + version.ToString(CultureInfo.InvariantCulture);

    public static string StatusClass(string status) => status switch
    {
        "approved" => "ok",
        "rejected" => "bad",
        _ => "warn",
    };

    private static async Task<DashboardPageResult> ListAsync(ModelsReader reader, CancellationToken ct)
    {
        var list = await reader.ListAsync(ct).ConfigureAwait(false);
        return new DashboardPageResult(new DashboardPage("Models", DashboardSection.Models, "/api/v1/models", w =>
        {
            WriteRule(w, list.Approval);
            if (list.Models.Count == 0)
            {
                OperationsHtml.Nothing(w, "No registered models yet. A successful training run registers its winner as a version pending approval.", "churnops train -C my-project");
                return;
            }

            string[] numeric = ["Versions", "Newest", "Serving", "Pending approval"];
            using (OperationsHtml.Table(w, "Registered models; the serving version is the one the serving alias points at.", ["Model", "Owner", .. numeric, "Updated"], numeric.ToHashSet()))
            {
                foreach (var model in list.Models)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("th", ("scope", "row")))
                        {
                            w.Link(Path(model.Name), model.Name);
                        }

                        OperationsHtml.Cell(w, model.OwnerTeam);
                        OperationsHtml.Cell(w, DashboardFormat.Count(model.Versions), numeric: true);
                        OperationsHtml.Cell(w, model.LatestVersion is { } latest ? "v" + latest.ToString(CultureInfo.InvariantCulture) : null, numeric: true);
                        OperationsHtml.Cell(w, model.ServingVersion is { } serving ? "v" + serving.ToString(CultureInfo.InvariantCulture) : "none", numeric: true);
                        OperationsHtml.Cell(w, DashboardFormat.Count(model.PendingApproval), numeric: true);
                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, model.UpdatedAt);
                        }
                    }
                }
            }
        }));
    }

    private static async Task<DashboardPageResult> ModelAsync(string name, ModelsReader reader, CancellationToken ct)
    {
        if (await reader.GetModelAsync(name, ct).ConfigureAwait(false) is not { } model)
        {
            return DashboardErrors.NotFound("Model not found", $"There is no registered model '{DashboardErrors.Excerpt(name)}'.", DashboardSection.Models);
        }

        return new DashboardPageResult(new DashboardPage("Model " + model.Name, DashboardSection.Models, "/api/v1/models/" + Uri.EscapeDataString(model.Name), w =>
        {
            if (model.Description is { Length: > 0 } description)
            {
                w.Element("p", description);
            }

            using (w.Tag("div", ("class", "cards")))
            {
                OperationsHtml.Card(w, "versions", DashboardFormat.Count(model.Versions.Count));
                OperationsHtml.Card(w, "serving (" + model.Approval.ServingAlias + ")", model.Aliases.TryGetValue(model.Approval.ServingAlias, out var serving) ? "v" + serving.ToString(CultureInfo.InvariantCulture) : "none");
                OperationsHtml.Card(w, "pending approval", DashboardFormat.Count(model.Versions.Count(v => v.Status == "pending_approval")));
                OperationsHtml.Card(w, "owner", model.OwnerTeam ?? "—");
            }

            WriteRule(w, model.Approval);
            w.Element("h2", "Versions");
            if (model.Versions.Count == 0)
            {
                OperationsHtml.Nothing(w, "This model has no versions (they were deleted); train again to register one.", $"churnops train --model {model.Name}");
                return;
            }

            string[] numeric = ["Test AUC"];
            using (OperationsHtml.Table(w, "Versions newest first. Status is the sign-off; aliases are the names that point at a version.", ["Version", "Status", "Stage", "Aliases", "Trainer", "Test AUC", "Gates", "Trained by", "Registered"], numeric.ToHashSet()))
            {
                foreach (var v in model.Versions)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("th", ("scope", "row")))
                        {
                            w.Link(Path(model.Name, v.Version), "v" + v.Version.ToString(CultureInfo.InvariantCulture));
                        }

                        using (w.Tag("td"))
                        {
                            OperationsHtml.Pill(w, v.Status, StatusClass(v.Status));
                        }

                        OperationsHtml.Cell(w, v.Stage == "None" ? null : v.Stage);
                        OperationsHtml.Cell(w, v.Aliases.Count == 0 ? null : string.Join(", ", v.Aliases));
                        OperationsHtml.Cell(w, v.Trainer);
                        OperationsHtml.Cell(w, DashboardFormat.Number(v.Auc), numeric: true);
                        using (w.Tag("td"))
                        {
                            OperationsHtml.Pill(w, v.GatesPassed switch { true => "passed", false => "failed", null => "not recorded" }, v.GatesPassed switch { true => "ok", false => "bad", null => "neutral" });
                        }

                        OperationsHtml.Cell(w, v.CreatedBy);
                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, v.CreatedAt);
                        }
                    }
                }
            }
        })
        {
            Trail = [("Models", DashboardSection.Models.Path)],
        });
    }

    private static async Task<DashboardPageResult> VersionAsync(string name, string version, ModelsReader reader, CancellationToken ct)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return DashboardErrors.NotFound("Version not found", $"'{DashboardErrors.Excerpt(version)}' is not a version number of '{DashboardErrors.Excerpt(name)}'; versions are 1, 2, 3…", DashboardSection.Models);
        }

        var (model, notFound) = await reader.GetVersionAsync(name, number, ct).ConfigureAwait(false);
        if (model is null)
        {
            return DashboardErrors.NotFound("Version not found", DashboardErrors.Excerpt(notFound, 300) + ".", DashboardSection.Models);
        }

        var twin = "/api/v1/models/" + Uri.EscapeDataString(model.Name) + "/versions/" + number.ToString(CultureInfo.InvariantCulture);
        return new DashboardPageResult(new DashboardPage($"{model.Name} v{number.ToString(CultureInfo.InvariantCulture)}", DashboardSection.Models, twin, w => WriteVersion(w, model))
        {
            Trail = [("Models", DashboardSection.Models.Path), (model.Name, Path(model.Name))],
        });
    }

    private static void WriteVersion(HtmlWriter w, ModelVersionModel model)
    {
        var v = model.Version;
        using (w.Tag("div", ("class", "cards")))
        {
            using (w.Tag("div", ("class", "card")))
            {
                using (w.Tag("div", ("class", "value")))
                {
                    OperationsHtml.Pill(w, v.Status, StatusClass(v.Status));
                }

                w.Element("div", "status", ("class", "label"));
            }

            OperationsHtml.Card(w, "test AUC", DashboardFormat.Number(v.Auc));
            OperationsHtml.Card(w, "trainer", v.Trainer);
            OperationsHtml.Card(w, "trained by", v.CreatedBy);
            OperationsHtml.Card(w, "aliases", v.Aliases.Count == 0 ? "none" : string.Join(", ", v.Aliases));
        }

        using (w.Tag("p", ("class", "muted")))
        {
            w.Text("Registered ");
            DashboardFormat.Time(w, v.CreatedAt);
            w.Text(" from run ");
            w.Element("span", v.RunId, ("class", "mono"));
            w.Text(".");
        }

        WriteSignOff(w, model);
        WriteLineage(w, model);
        w.Element("h2", "Metrics");
        if (model.GateFailures.Count > 0)
        {
            w.Element("p", "Gates failed: " + string.Join("; ", model.GateFailures), ("class", "problem"));
        }

        using (OperationsHtml.Table(w, "Every metric recorded with the version (test_ on the held-out split, valid_ on validation).", ["Metric", "Value"], new HashSet<string> { "Value" }))
        {
            foreach (var (metric, value) in model.Metrics)
            {
                using (w.Tag("tr"))
                {
                    w.Element("th", metric, ("scope", "row"));
                    OperationsHtml.Cell(w, DashboardFormat.Number(value), numeric: true);
                }
            }
        }

        ModelCardHtml.Write(w, model.Card, model.CardError);
    }

    private static void WriteSignOff(HtmlWriter w, ModelVersionModel model)
    {
        using (w.Tag("section", ("class", "panel"), ("aria-labelledby", "sign-off"), ("data-action-scope", "")))
        {
            w.Element("h2", "Sign-off", ("id", "sign-off"));
            if (model.Approvals.Count == 0)
            {
                w.Element("p", "No decision recorded yet.", ("class", "muted"));
            }
            else
            {
                using (OperationsHtml.Table(w, "Every decision on this version, oldest first, with whether its gates passed when decided.", ["Decision", "By", "For team", "When", "Note", "Gates then"]))
                {
                    foreach (var decision in model.Approvals)
                    {
                        using (w.Tag("tr"))
                        {
                            using (w.Tag("td"))
                            {
                                OperationsHtml.Pill(w, decision.Decision, StatusClass(decision.Decision));
                            }

                            OperationsHtml.Cell(w, decision.Actor);
                            OperationsHtml.Cell(w, decision.Team);
                            using (w.Tag("td"))
                            {
                                DashboardFormat.Time(w, decision.DecidedAt);
                            }

                            OperationsHtml.Cell(w, decision.Note);
                            OperationsHtml.Cell(w, decision.GatesPassedThen ? "passed" : "failed");
                        }
                    }
                }
            }

            var team = model.Approval.AccountableTeam;
            if (model.ApprovalBlocked is { } blocked)
            {
                w.Element("p", $"Approval: {blocked}.", ("class", "muted"));
                return;
            }

            w.Element("p", $"Sign-off belongs to the accountable team '{team}'"
                + (model.Approval.FourEyes ? $"; four eyes: {model.Version.CreatedBy}, who trained it, cannot approve it." : "."), ("class", "muted"));
            var action = "/api/v1/models/" + Uri.EscapeDataString(model.Name) + "/versions/" + model.Version.Version.ToString(CultureInfo.InvariantCulture);
            using (w.Tag("form", ("class", "filter"), ("action", "#sign-off"), ("method", "get"), ("aria-label", "Approve or reject")))
            {
                Field(w, "decision-actor", "actor", "Your name", null, "text");
                Field(w, "decision-team", "team", "For team", team, "text");
                using (w.Tag("label", ("class", "wide")))
                {
                    w.Text("Note (required to reject)");
                    w.Void("input", ("id", "decision-note"), ("name", "note"), ("type", "text"), ("maxlength", "2000"));
                }

                w.Element("button", "Approve", ("type", "button"), ("data-action", action + "/approve"), ("data-fields", "decision-actor,decision-team,decision-note"));
                w.Element("button", "Reject", ("type", "button"), ("class", "secondary"), ("data-action", action + "/reject"), ("data-fields", "decision-actor,decision-team,decision-note"),
                    ("data-confirm", $"Reject {model.Name} v{model.Version.Version.ToString(CultureInfo.InvariantCulture)}?"));
            }

            OperationsHtml.ActionStatus(w);
        }
    }

    private static void Field(HtmlWriter w, string id, string name, string label, string? value, string type)
    {
        using (w.Tag("label"))
        {
            w.Text(label);
            w.Void("input", ("id", id), ("name", name), ("type", type), ("value", value), ("maxlength", "200"), ("autocomplete", "off"));
        }
    }

    private static void WriteLineage(HtmlWriter w, ModelVersionModel model)
    {
        w.Element("h2", "Lineage", ("id", "lineage"));
        var (nodes, edges) = LineageGraph.Build(model.Lineage);
        using (w.Tag("div", ("class", "scroll")))
        {
            GraphSvg.Write(w, LayeredLayout.Arrange(nodes, edges), $"Lineage of {model.Name} v{model.Version.Version.ToString(CultureInfo.InvariantCulture)}: data contract, dataset, feature views and training set to run, version and deployments", "lineage");
        }

        using (w.Tag("details"))
        {
            w.Element("summary", "Lineage as a table");
            using (OperationsHtml.Table(w, "Each link of the lineage; 'not recorded' where the registry has no record of it.", ["Link", "Recorded", "Summary"]))
            {
                foreach (var step in model.Lineage.Steps)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("th", step.Step, ("scope", "row"));
                        OperationsHtml.Cell(w, step.Recorded ? "yes" : "no");
                        OperationsHtml.Cell(w, step.Summary);
                    }
                }
            }
        }
    }

    private static void WriteRule(HtmlWriter w, ApprovalRule rule) =>
        w.Element("p", rule.AccountableTeam is null
            ? "No accountable team is configured, so no version can be approved (set registry.approval.accountable_team)."
            : $"Versions need sign-off by '{rule.AccountableTeam}' before the serving alias '{rule.ServingAlias}' may point at them"
              + (rule.FourEyes ? "; whoever trained a version cannot approve it (four eyes)." : "."), ("class", "muted"));
}
