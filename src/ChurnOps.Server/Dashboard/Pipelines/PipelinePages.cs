using System.Globalization;
using ChurnOps.Core.Pipelines;
using ChurnOps.Server.Dashboard.Graphs;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>
/// /ui/pipelines (twin /api/v1/pipelines), /ui/pipelines/{name} (the DAG and its runs) and /ui/pipelines/runs/{id}
/// (the DAG coloured by the run, and every attempt's log).
/// </summary>
internal static class PipelinePages
{
    private const int MaxLogChars = 64 * 1024;

    public static void Map(IEndpointRouteBuilder ui)
    {
        ui.MapGet("/pipelines", ListAsync);
        ui.MapGet("/pipelines/runs/{id}", RunAsync);
        ui.MapGet("/pipelines/{name}", PipelineAsync);
    }

    private static string Path(string name) => "/ui/pipelines/" + Uri.EscapeDataString(name);

    private static string RunPath(long id) => "/ui/pipelines/runs/" + id.ToString(CultureInfo.InvariantCulture);

    private static string StateClass(PipelineRunState state) => state switch
    {
        PipelineRunState.Succeeded => "ok",
        PipelineRunState.Failed => "bad",
        PipelineRunState.Running => "warn",
        _ => "neutral",
    };

    private static async Task<DashboardPageResult> ListAsync(PipelinesReader reader, CancellationToken ct)
    {
        var list = await reader.ListAsync(ct).ConfigureAwait(false);
        return new DashboardPageResult(new DashboardPage("Pipelines", DashboardSection.Pipelines, "/api/v1/pipelines", w =>
        {
            if (list.Issues.Count > 0)
            {
                using (w.Tag("section", ("class", list.Issues.Any(i => i.IsError) ? "problem" : "notice")))
                {
                    w.Element("p", "Problems in pipelines/*.yaml (a pipeline with an error is not scheduled):");
                    using (w.Tag("ul"))
                    {
                        foreach (var issue in list.Issues)
                        {
                            w.Element("li", issue.ToString(), ("class", "mono"));
                        }
                    }
                }
            }

            if (list.Pipelines.Count == 0)
            {
                OperationsHtml.Nothing(w, "No pipelines yet. A pipeline is a YAML file in pipelines/ with steps and their needs; `churnops init` writes three.", "churnops pipelines validate");
                return;
            }

            string[] numeric = ["Steps"];
            using (OperationsHtml.Table(w, "The project's pipelines and their newest run.", ["Pipeline", "Owner", "Runs when", .. numeric, "Last run", "Last state", "File"], numeric.ToHashSet()))
            {
                foreach (var p in list.Pipelines)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("th", ("scope", "row")))
                        {
                            w.Link(Path(p.Name), p.Name);
                        }

                        OperationsHtml.Cell(w, p.Owner);
                        OperationsHtml.Cell(w, When(p.Schedule, p.Triggers) + (p.Paused ? " (paused)" : string.Empty));
                        OperationsHtml.Cell(w, p.Steps.ToString(CultureInfo.InvariantCulture), numeric: true);
                        using (w.Tag("td"))
                        {
                            if (p.LastRun is { } run)
                            {
                                w.Link(RunPath(run.Id), "#" + run.Id.ToString(CultureInfo.InvariantCulture));
                                w.Text(" ");
                                DashboardFormat.Time(w, run.StartedAt ?? run.CreatedAt);
                            }
                            else
                            {
                                w.Text("never");
                            }
                        }

                        using (w.Tag("td"))
                        {
                            if (p.LastRun is { } run)
                            {
                                OperationsHtml.Pill(w, run.State.ToString().ToLowerInvariant(), StateClass(run.State));
                            }
                            else
                            {
                                w.Text("—");
                            }
                        }

                        OperationsHtml.Cell(w, p.File);
                    }
                }
            }
        }));
    }

    private static async Task<DashboardPageResult> PipelineAsync(string name, PipelinesReader reader, CancellationToken ct)
    {
        if (await reader.GetAsync(name, ct).ConfigureAwait(false) is not { } model)
        {
            return DashboardErrors.NotFound("Pipeline not found", $"There is no valid pipeline '{DashboardErrors.Excerpt(name)}' in pipelines/*.yaml.", DashboardSection.Pipelines);
        }

        var p = model.Definition;
        return new DashboardPageResult(new DashboardPage("Pipeline " + p.Name, DashboardSection.Pipelines, "/api/v1/pipelines/" + Uri.EscapeDataString(p.Name), w =>
        {
            w.Element("p", $"Owned by {p.Owner}; runs {When(p.Schedule, p.Triggers)}{(model.Paused ? "; paused" : string.Empty)}. Defined in {p.File}.", ("class", "muted"));
            var (nodes, edges) = PipelineDag.Build(p);
            using (w.Tag("div", ("class", "scroll")))
            {
                GraphSvg.Write(w, LayeredLayout.Arrange(nodes, edges), $"Steps of pipeline {p.Name}; an arrow runs from a step to the steps that need it", "dag");
            }

            using (OperationsHtml.Table(w, "Each step, what it runs and what it waits for.", ["Step", "Runs", "Needs", "Retries", "Timeout", "Trigger rule"]))
            {
                foreach (var step in p.Steps)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("th", step.Name, ("scope", "row"));
                        using (w.Tag("td"))
                        {
                            w.Element("span", step.Action ?? step.Shell, ("class", "mono"));
                        }

                        OperationsHtml.Cell(w, step.Needs.Count == 0 ? null : string.Join(", ", step.Needs));
                        OperationsHtml.Cell(w, step.Retry.Attempts > 1 ? $"{step.Retry.Attempts} attempts" : "none");
                        OperationsHtml.Cell(w, step.Timeout?.ToString("c", CultureInfo.InvariantCulture));
                        OperationsHtml.Cell(w, step.TriggerRule.ToString());
                    }
                }
            }

            w.Element("h2", "Runs");
            if (model.Runs.Count == 0)
            {
                OperationsHtml.Nothing(w, "This pipeline has not run yet.", $"churnops pipelines run {p.Name}");
                return;
            }

            WriteRuns(w, model.Runs);
        })
        {
            Trail = [("Pipelines", DashboardSection.Pipelines.Path)],
        });
    }

    private static void WriteRuns(HtmlWriter w, IReadOnlyList<PipelineRun> runs)
    {
        string[] numeric = ["Took"];
        using (OperationsHtml.Table(w, $"Runs newest first (at most {PipelinesReader.RunLimit.ToString(CultureInfo.InvariantCulture)}).", ["Run", "State", "Trigger", "Logical date", "Started", .. numeric, "Error"], numeric.ToHashSet()))
        {
            foreach (var run in runs)
            {
                using (w.Tag("tr"))
                {
                    using (w.Tag("th", ("scope", "row")))
                    {
                        w.Link(RunPath(run.Id), "#" + run.Id.ToString(CultureInfo.InvariantCulture));
                    }

                    using (w.Tag("td"))
                    {
                        OperationsHtml.Pill(w, run.State.ToString().ToLowerInvariant(), StateClass(run.State));
                    }

                    OperationsHtml.Cell(w, run.Trigger);
                    using (w.Tag("td"))
                    {
                        DashboardFormat.Time(w, run.LogicalDate);
                    }

                    using (w.Tag("td"))
                    {
                        DashboardFormat.Time(w, run.StartedAt);
                    }

                    OperationsHtml.Cell(w, Took(run.StartedAt, run.EndedAt), numeric: true);
                    OperationsHtml.Cell(w, run.Error);
                }
            }
        }
    }

    private static async Task<DashboardPageResult> RunAsync(string id, PipelinesReader reader, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || await reader.GetRunAsync(number, ct).ConfigureAwait(false) is not { } model)
        {
            return DashboardErrors.NotFound("Run not found", $"There is no pipeline run '{DashboardErrors.Excerpt(id)}'.", DashboardSection.Pipelines);
        }

        var run = model.Run;
        return new DashboardPageResult(new DashboardPage($"Run #{run.Id.ToString(CultureInfo.InvariantCulture)} of {run.Pipeline}", DashboardSection.Pipelines, "/api/v1/pipelines/runs/" + run.Id.ToString(CultureInfo.InvariantCulture), w =>
        {
            using (w.Tag("div", ("class", "cards")))
            {
                using (w.Tag("div", ("class", "card")))
                {
                    using (w.Tag("div", ("class", "value")))
                    {
                        OperationsHtml.Pill(w, run.State.ToString().ToLowerInvariant(), StateClass(run.State));
                    }

                    w.Element("div", "state", ("class", "label"));
                }

                OperationsHtml.Card(w, "trigger", run.Trigger);
                OperationsHtml.Card(w, "took", Took(run.StartedAt, run.EndedAt) ?? "—");
                OperationsHtml.Card(w, "attempts", DashboardFormat.Count(model.Attempts.Count));
            }

            if (run.Error is { } error)
            {
                w.Element("p", error, ("class", "problem"));
            }

            if (model.Definition is { } definition)
            {
                var (nodes, edges) = PipelineDag.Build(definition, model.Attempts);
                using (w.Tag("div", ("class", "scroll")))
                {
                    GraphSvg.Write(w, LayeredLayout.Arrange(nodes, edges), $"Steps of run {run.Id.ToString(CultureInfo.InvariantCulture)}, coloured by their latest attempt: green succeeded, red failed, amber running, grey not run", "run-dag");
                }
            }
            else
            {
                w.Element("p", $"The pipeline '{run.Pipeline}' is no longer defined (or has errors), so its DAG cannot be drawn; its attempts follow.", ("class", "notice"));
            }

            w.Element("h2", "Step logs");
            var order = model.Definition?.Steps.Select(s => s.Name).ToList() ?? [];
            foreach (var step in model.Attempts.GroupBy(a => a.Step, StringComparer.Ordinal).OrderBy(g => order.IndexOf(g.Key) is var i && i >= 0 ? i : int.MaxValue))
            {
                using (w.Tag("section", ("class", "panel"), ("id", "step-" + PipelineDag.Anchor(step.Key))))
                {
                    w.Element("h3", step.Key);
                    foreach (var attempt in step.OrderBy(a => a.Attempt))
                    {
                        WriteAttempt(w, attempt);
                    }
                }
            }
        })
        {
            Trail = [("Pipelines", DashboardSection.Pipelines.Path), (run.Pipeline, Path(run.Pipeline))],
        });
    }

    private static void WriteAttempt(HtmlWriter w, StepAttempt attempt)
    {
        using (w.Tag("p"))
        {
            w.Text($"Attempt {attempt.Attempt.ToString(CultureInfo.InvariantCulture)}: ");
            OperationsHtml.Pill(w, attempt.State.ToString().ToLowerInvariant(), attempt.State switch
            {
                StepState.Succeeded => "ok",
                StepState.Failed => "bad",
                StepState.Running => "warn",
                _ => "neutral",
            });
            w.Text(" ");
            DashboardFormat.Time(w, attempt.StartedAt);
            w.Text(Took(attempt.StartedAt, attempt.EndedAt) is { } took ? $", took {took}" : string.Empty);
        }

        if (attempt.Error is { } error)
        {
            w.Element("p", error, ("class", "problem"));
        }

        if (attempt.Outputs.Count > 0)
        {
            w.Element("p", "Outputs: " + string.Join(", ", attempt.Outputs.Select(o => $"{o.Key}={o.Value}")), ("class", "mono"));
        }

        var log = attempt.Log.Length <= MaxLogChars ? attempt.Log : attempt.Log[^MaxLogChars..];
        if (log.Length == 0)
        {
            w.Element("p", "(printed nothing)", ("class", "muted"));
            return;
        }

        if (log.Length < attempt.Log.Length)
        {
            w.Element("p", $"The last {MaxLogChars / 1024} KiB of {DashboardFormat.Count(attempt.Log.Length)} characters; the whole log is in the JSON twin.", ("class", "muted"));
        }

        w.Element("pre", log, ("tabindex", "0"), ("aria-label", $"log of {attempt.Step}, attempt {attempt.Attempt.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static string When(string? schedule, IReadOnlyList<string> triggers) =>
        string.Join("; ", new[] { schedule is null ? null : "on schedule " + schedule, triggers.Count == 0 ? null : "on " + string.Join(", ", triggers) }.Where(s => s is not null)) is { Length: > 0 } when
            ? when
            : "by hand";

    private static string? Took(DateTimeOffset? started, DateTimeOffset? ended)
    {
        if (started is null || ended is null)
        {
            return null;
        }

        var span = ended.Value - started.Value;
        return span.TotalSeconds < 60 ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : span.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " min";
    }
}
