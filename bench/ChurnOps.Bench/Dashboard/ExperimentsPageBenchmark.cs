using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Bench.Tracking;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using ChurnOps.Server.Hosting;
using ChurnOps.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Dashboard;

/// <summary>
/// Issue 17's bar: the dashboard's runs page over 100,000 runs answers in under 200 ms, measured on a real port beside
/// the same query (filter, order, page of 50) through MLflow's runs/search on the same server, alternately, in one run.
/// </summary>
internal sealed class ExperimentsPageBenchmark : IBenchHarness
{
    private const int PageSize = 50;

    public string Name => "dashboard";

    public string Description => "dashboard runs page (HTML, 50 per page) vs MLflow runs/search, 100,000 runs (SQLite)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var runCount = quick ? 20_000 : 100_000;
        var samples = quick ? 10 : 30;
        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-dashboard-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ProjectTemplate.WriteAsync(root, overwrite: false, cancellationToken).ConfigureAwait(false);
            var workspace = (await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, cancellationToken).ConfigureAwait(false)).Workspace!;
            var logger = workspace.Services.GetRequiredService<RunLogger>();
            var experimentId = await logger.GetOrCreateExperimentAsync("bench-dashboard", cancellationToken).ConfigureAwait(false);
            await TrackingSeeder.SeedAsync(workspace.Services.GetRequiredService<EmbeddedStorage>().Metadata, long.Parse(experimentId, CultureInfo.InvariantCulture), runCount, seed: 42, cancellationToken).ConfigureAwait(false);
            await using var app = ChurnOpsServer.Build(workspace, new ServerOptions("http://127.0.0.1:0"));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            Console.WriteLine($"dashboard runs page vs MLflow runs/search: {runCount:N0} runs, {PageSize} per page, {samples} samples each, alternating");
            var cases = new (string Name, string? Filter, string Order, int Page, bool Cursor)[]
            {
                ("newest first, page 1", null, "attributes.start_time DESC", 1, false),
                ("filter metric+param, by metric", "metrics.auc > 0.9 and params.trainer = 'LightGbm'", "metrics.auc DESC", 1, false),
                ("sorted by param, page 1", null, "params.learning_rate ASC", 1, false),
                ("newest first, page 1,000 by offset", null, "attributes.start_time DESC", 1000, false),
                ("newest first, page 1,000 by the Next link's cursor", null, "attributes.start_time DESC", 1000, true),
            };
            foreach (var (name, filter, order, page, cursor) in cases)
            {
                await CompareAsync(http, experimentId, name, filter, order, page, cursor, samples, cancellationToken).ConfigureAwait(false);
            }

            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task CompareAsync(HttpClient http, string experimentId, string name, string? filter, string order, int page, bool cursor, int samples, CancellationToken ct)
    {
        var url = $"/ui/experiments/{experimentId}?order={Uri.EscapeDataString(order)}&page={page.ToString(CultureInfo.InvariantCulture)}" + (filter is null ? string.Empty : "&filter=" + Uri.EscapeDataString(filter));
        var offset = (page - 1) * PageSize;
        if (cursor)
        {
            // The Next link of page - 1 carries its last run; found here (untimed) the way the page found it.
            var previous = JsonSerializer.Serialize(new Dictionary<string, object?> { ["experiment_ids"] = new[] { experimentId }, ["max_results"] = 1, ["page_token"] = PageToken.Encode(offset - 1) });
            using var last = JsonDocument.Parse(await SearchAsync(http, previous, ct).ConfigureAwait(false));
            var info = last.RootElement.GetProperty("runs")[0].GetProperty("info");
            url += "&after=" + Uri.EscapeDataString(info.GetProperty("start_time").GetInt64().ToString(CultureInfo.InvariantCulture) + "." + info.GetProperty("run_id").GetString());
        }

        var search = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["experiment_ids"] = new[] { experimentId },
            ["filter"] = filter ?? string.Empty,
            // The page sends the default order to the store as no order_by (the store's own newest-first index order).
            ["order_by"] = order == "attributes.start_time DESC" ? Array.Empty<string>() : new[] { order },
            ["max_results"] = PageSize,
            ["page_token"] = offset == 0 ? null : PageToken.Encode(offset),
        });

        // Both must answer the same runs, or the comparison means nothing.
        var html = await GetAsync(http, url, ct).ConfigureAwait(false);
        var mlflow = await SearchAsync(http, search, ct).ConfigureAwait(false);
        using (var json = JsonDocument.Parse(mlflow))
        {
            var ids = json.RootElement.TryGetProperty("runs", out var runs) ? runs.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_id").GetString()!).ToList() : [];
            var missing = ids.Count(id => !html.Contains("/ui/runs/" + id, StringComparison.Ordinal));
            if (missing > 0)
            {
                throw new InvalidOperationException($"{name}: the page lacks {missing} of the {ids.Count} runs MLflow's search returned");
            }

            Console.WriteLine($"  {name}: {ids.Count} runs on the page, {html.Length / 1024.0:0} KiB of HTML");
        }

        var (dashboard, api) = await Timings.MeasurePairAsync(3, samples, _ => GetAsync(http, url, ct), _ => SearchAsync(http, search, ct)).ConfigureAwait(false);
        Console.WriteLine($"    dashboard page   {dashboard}");
        Console.WriteLine($"    mlflow search    {api}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratio page/search (median) {dashboard.MedianMs / api.MedianMs:0.00}; page p95 {(dashboard.P95Ms < 200 ? "under" : "OVER")} 200 ms"));
    }

    private static async Task<string> GetAsync(HttpClient http, string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    private static async Task<string> SearchAsync(HttpClient http, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("/api/2.0/mlflow/runs/search", UriKind.Relative), content, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }
}
