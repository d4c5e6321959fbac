using ChurnOps.Server.Dashboard.Rendering;
using Microsoft.Net.Http.Headers;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>
/// /ui/experiments (twin /api/v1/experiments), /ui/experiments/{id} (runs: ?filter=&amp;order=&amp;page=&amp;size=; twin
/// /api/v1/experiments/{id}/runs), /ui/runs/compare?runs=…&amp;runs=… (twin /api/v1/runs/compare), /ui/runs/{id}
/// (twin /api/v1/runs/{id}) and the run's images at /ui/runs/{id}/artifacts/{path}.
/// </summary>
internal static class ExperimentPages
{
    private static readonly DashboardSection Section = DashboardSection.Experiments;

    public static void Map(DashboardRoutes routes)
    {
        routes.Ui.MapGet("/experiments", ListAsync);
        routes.Ui.MapGet("/experiments/{experimentId}", RunsAsync);
        routes.Ui.MapGet("/runs/compare", CompareAsync);
        routes.Ui.MapGet("/runs/{runId}", RunAsync);
        routes.Ui.MapGet("/runs/{runId}/artifacts/{**path}", ArtifactAsync);

        routes.Api.MapGet("/experiments", async (ExperimentsReadModel model, CancellationToken ct) => TypedResults.Ok(await model.ListAsync(ct).ConfigureAwait(false)))
            .WithSummary("Active experiments (the dashboard's Experiments page).");
        routes.Api.MapGet("/experiments/{experimentId}/runs", async (string experimentId, HttpContext context, ExperimentsReadModel model, CancellationToken ct) =>
            {
                var request = RunTableRequest.From(context.Request.Query);
                return request.Value is null ? request.Problem!.ToApi() : (await model.RunsAsync(experimentId, request.Value, ct).ConfigureAwait(false)).ToApi();
            })
            .WithSummary("One page of an experiment's runs: filter and order in MLflow's search grammar, page from 1, size up to 500.");
        routes.Api.MapGet("/runs/compare", async (HttpContext context, ExperimentsReadModel model, CancellationToken ct) =>
                (await model.CompareAsync([.. context.Request.Query["runs"].OfType<string>()], ct).ConfigureAwait(false)).ToApi())
            .WithSummary("2 to 5 runs side by side (runs=ID&runs=ID…).");
        routes.Api.MapGet("/runs/{runId}", async (string runId, ExperimentsReadModel model, CancellationToken ct) => (await model.RunAsync(runId, ct).ConfigureAwait(false)).ToApi())
            .WithSummary("A run with its metrics, params, tags, dataset inputs and artifact list.");
    }

    private static async Task<DashboardPageResult> ListAsync(ExperimentsReadModel model, CancellationToken cancellationToken)
    {
        var list = await model.ListAsync(cancellationToken).ConfigureAwait(false);
        return new DashboardPageResult(new DashboardPage("Experiments", Section, "/api/v1/experiments", w =>
        {
            if (list.Count == 0)
            {
                w.Element("p", "No experiments yet: 'churnops train' logs its candidates as runs of one.", ("class", "notice"));
                return;
            }

            using (w.Tag("div", ("class", "scroll")))
            using (w.Tag("table"))
            {
                using (w.Tag("thead"))
                using (w.Tag("tr"))
                {
                    foreach (var heading in new[] { "Experiment", "Id", "Created", "Last update" })
                    {
                        w.Element("th", heading, ("scope", "col"));
                    }
                }

                using (w.Tag("tbody"))
                {
                    foreach (var experiment in list)
                    {
                        using (w.Tag("tr"))
                        {
                            using (w.Tag("td"))
                            {
                                w.Link(RunLinks.Experiment(experiment.ExperimentId), experiment.Name);
                            }

                            w.Element("td", experiment.ExperimentId, ("class", "mono"));
                            w.Element("td", DashboardFormat.Millis(experiment.CreationTime));
                            w.Element("td", DashboardFormat.Millis(experiment.LastUpdateTime));
                        }
                    }
                }
            }
        }));
    }

    private static async Task<DashboardPageResult> RunsAsync(string experimentId, HttpContext context, ExperimentsReadModel model, CancellationToken cancellationToken)
    {
        var request = RunTableRequest.From(context.Request.Query);
        if (request.Problem is { } bad)
        {
            return bad.ToPage(Section);
        }

        var table = await model.RunsAsync(experimentId, request.Value!, cancellationToken).ConfigureAwait(false);
        if (table.Problem is { } problem)
        {
            return problem.ToPage(Section);
        }

        var runs = table.Value!;
        return new DashboardPageResult(new DashboardPage("Experiment " + runs.ExperimentName, Section, RunLinks.Table(runs.ExperimentId, runs.Filter, runs.Order, runs.Page, runs.PageSize, twin: true, after: request.Value!.After?.ToString()), w => RunTableView.Write(w, runs))
        {
            Trail = [("Experiments", Section.Path)],
        });
    }

    private static async Task<DashboardPageResult> CompareAsync(HttpContext context, ExperimentsReadModel model, CancellationToken cancellationToken)
    {
        var ids = context.Request.Query["runs"].OfType<string>().ToList();
        var comparison = await model.CompareAsync(ids, cancellationToken).ConfigureAwait(false);
        if (comparison.Problem is { } problem)
        {
            return problem.ToPage(Section);
        }

        var value = comparison.Value!;
        return new DashboardPageResult(new DashboardPage($"Comparing {value.Runs.Count} runs", Section, RunLinks.Compare(value.Runs.Select(r => r.RunId), twin: true), w => RunComparisonView.Write(w, value))
        {
            Trail = [("Experiments", Section.Path)],
        });
    }

    private static async Task<DashboardPageResult> RunAsync(string runId, ExperimentsReadModel model, CancellationToken cancellationToken)
    {
        var detail = await model.RunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (detail.Problem is { } problem)
        {
            return problem.ToPage(Section);
        }

        var run = detail.Value!;
        return new DashboardPageResult(new DashboardPage("Run " + RunTableView.Name(run.Run), Section, RunLinks.RunTwin(run.Run.RunId), w => RunDetailView.Write(w, run))
        {
            Trail = [("Experiments", Section.Path), (run.ExperimentName, RunLinks.Experiment(run.ExperimentId))],
        });
    }

    /// <summary>Images only (PNG, JPEG), as images, never sniffed; anything else is downloaded through /get-artifact.</summary>
    private static async Task<IResult> ArtifactAsync(string runId, string path, HttpContext context, ExperimentsReadModel model, CancellationToken cancellationToken)
    {
        var contentType = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png"
            : path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ? "image/jpeg"
            : null;
        var stream = contentType is null ? null : await model.OpenArtifactAsync(runId, path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return DashboardErrors.NotFound("Artifact not found", $"Run '{DashboardErrors.Excerpt(runId, 60)}' has no image at '{DashboardErrors.Excerpt(path, 120)}'.", Section);
        }

        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers.CacheControl = "private, max-age=3600";
        context.Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'";
        return Results.Stream(stream, contentType);
    }
}
