using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using ChurnOps.Server.Hosting;
using ChurnOps.Storage.Embedded;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Tracking;

/// <summary>
/// PERFORMANCE.md's tracking rows: log-batch of 500 metrics, and runs/search returning 1,000 of 100,000 runs, each
/// through the MLflow REST API on a real port and through the store, beside a naive baseline on the same SQLite file.
/// </summary>
internal sealed class TrackingBenchmark : IBenchHarness
{
    public string Name => "tracking";

    public string Description => "MLflow API: log-batch 500 metrics; runs/search 1,000 of 100,000 runs (SQLite)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var runCount = quick ? 20_000 : 100_000;
        var samples = quick ? 10 : 30;
        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-tracking-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ProjectTemplate.WriteAsync(root, overwrite: false, cancellationToken).ConfigureAwait(false);
            var workspace = (await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, cancellationToken).ConfigureAwait(false)).Workspace!;
            var logger = workspace.Services.GetRequiredService<RunLogger>();
            await using var app = ChurnOpsServer.Build(workspace, new ServerOptions("http://127.0.0.1:0"));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            await LogBatchAsync(workspace, logger, http, samples, cancellationToken).ConfigureAwait(false);
            await SearchAsync(workspace, logger, http, runCount, samples, cancellationToken).ConfigureAwait(false);
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

    private static async Task LogBatchAsync(ChurnOpsWorkspace workspace, RunLogger logger, HttpClient http, int samples, CancellationToken ct)
    {
        var experimentId = await logger.GetOrCreateExperimentAsync("bench-log-batch", ct).ConfigureAwait(false);
        // Each sample logs a new step for 500 distinct keys, so every point is a real insert and a latest-value update.
        var runId = await logger.StartRunAsync(experimentId, "log-batch", new Dictionary<string, string>(), ct).ConfigureAwait(false);
        var storeRunId = await logger.StartRunAsync(experimentId, "log-batch-store", new Dictionary<string, string>(), ct).ConfigureAwait(false);
        var naiveRunId = await logger.StartRunAsync(experimentId, "log-batch-naive", new Dictionary<string, string>(), ct).ConfigureAwait(false);
        var naivePk = await RunPkAsync(workspace, naiveRunId, ct).ConfigureAwait(false);
        const int Metrics = 500;

        var api = await Timings.MeasureAsync(3, samples, async step =>
        {
            var body = new StringBuilder("{\"run_id\":\"").Append(runId).Append("\",\"metrics\":[");
            for (var k = 0; k < Metrics; k++)
            {
                body.Append(CultureInfo.InvariantCulture, $"{(k == 0 ? "" : ",")}{{\"key\":\"m{k}\",\"value\":{0.001 * k},\"timestamp\":{1_700_000_000_000L + step + 10},\"step\":{step + 10}}}");
            }

            body.Append("]}");
            using var content = new StringContent(body.ToString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri("/api/2.0/mlflow/runs/log-batch", UriKind.Relative), content, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }).ConfigureAwait(false);

        var store = await Timings.MeasureAsync(3, samples, step =>
        {
            var points = Enumerable.Range(0, Metrics).Select(k => new MetricPoint("m" + k, 0.001 * k, 1_700_000_000_000L + step + 10, step + 10)).ToList();
            return logger.Runs.LogBatchAsync(storeRunId, points, [], [], ct);
        }).ConfigureAwait(false);

        var naive = await Timings.MeasureAsync(1, Math.Max(3, samples / 5), step =>
        {
            var points = Enumerable.Range(0, Metrics).Select(k => ("m" + k, 0.001 * k, 1_700_000_000_000L + step + 10, (long)step + 10)).ToList();
            return NaiveTrackingBaseline.LogMetricsOneByOneAsync(Metadata(workspace), naivePk, points, ct);
        }).ConfigureAwait(false);

        Console.WriteLine($"log-batch, {Metrics} metrics");
        Console.WriteLine($"  REST API (POST runs/log-batch)          {api}");
        Console.WriteLine($"  store (one transaction, bound REALs)    {store}");
        Console.WriteLine($"  baseline: one autocommit INSERT each    {naive}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio baseline/API {naive.MedianMs / api.MedianMs:0.0}x, baseline/store {naive.MedianMs / store.MedianMs:0.0}x (median); target < 20 ms"));
    }

    private static async Task SearchAsync(ChurnOpsWorkspace workspace, RunLogger logger, HttpClient http, int runCount, int samples, CancellationToken ct)
    {
        var experimentId = await logger.GetOrCreateExperimentAsync("bench-search", ct).ConfigureAwait(false);
        var seedWatch = System.Diagnostics.Stopwatch.StartNew();
        await TrackingSeeder.SeedAsync(Metadata(workspace), long.Parse(experimentId, CultureInfo.InvariantCulture), runCount, seed: 42, ct).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs/search over {runCount:N0} runs (seeded in {seedWatch.Elapsed.TotalSeconds:0.0} s; 3 params, 3 metrics, 2 tags each)"));

        const string Filter = "metrics.auc > 0.9 AND params.trainer = 'LightGbm'";
        var cases = new (string Label, string? Filter, string[] OrderBy)[]
        {
            ("newest 1,000 (default order)", null, []),
            ($"filter \"{Filter}\" order by metrics.auc DESC", Filter, ["metrics.auc DESC"]),
        };

        foreach (var (label, filter, orderBy) in cases)
        {
            var request = JsonSerializer.Serialize(new Dictionary<string, object?> { ["experiment_ids"] = new[] { experimentId }, ["filter"] = filter, ["max_results"] = 1000, ["order_by"] = orderBy });
            var returned = 0;
            var api = await Timings.MeasureAsync(3, samples, async _ =>
            {
                using var content = new StringContent(request, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(new Uri("/api/2.0/mlflow/runs/search", UriKind.Relative), content, ct).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
                returned = document.RootElement.GetProperty("runs").GetArrayLength();
            }).ConfigureAwait(false);

            var (clauses, _) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);
            var (orders, _) = SearchFilterParser.ParseOrderBy(orderBy, SearchSchema.Runs);
            var store = await Timings.MeasureAsync(3, samples, _ => logger.Runs.SearchRunsAsync(new RunQuery([experimentId], clauses!, orders!, ViewType.ActiveOnly, 1000, 0), ct)).ConfigureAwait(false);

            Console.WriteLine($"  {label}: {returned} runs returned");
            Console.WriteLine($"    REST API (POST runs/search)           {api}");
            Console.WriteLine($"    store (key query + 5 set loads)       {store}");
            var page = (await logger.Runs.SearchRunsAsync(new RunQuery([experimentId], clauses!, orders!, ViewType.ActiveOnly, 1000, 0), ct).ConfigureAwait(false)).Value!;
            var bytes = 0L;
            // The Utf8JsonWriter the endpoint uses against the source-generated serializer it replaced, alternated.
            var (written, generated) = await Timings.MeasurePairAsync(
                3,
                samples,
                _ =>
                {
                    using var buffer = new MemoryStream();
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        ChurnOps.Server.Mlflow.MlflowRunsJsonWriter.WriteSearchResponse(writer, page.Runs, page.NextPageToken);
                    }

                    bytes = buffer.Length;
                    return Task.CompletedTask;
                },
                async _ =>
                {
                    using var buffer = new MemoryStream();
                    var response = new ChurnOps.Server.Mlflow.MlflowSearchRunsResponse(page.Runs.Select(ChurnOps.Server.Mlflow.MlflowRunJson.From).ToList(), page.NextPageToken);
                    await JsonSerializer.SerializeAsync(buffer, response, ChurnOps.Server.Mlflow.MlflowJsonContext.Default.MlflowSearchRunsResponse, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    JSON, Utf8JsonWriter ({bytes / 1024} KiB)   {written}"));
            Console.WriteLine($"    JSON, source-generated serializer     {generated}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratio serializer/writer {generated.MedianMs / written.MedianMs:0.0}x (median), {generated.MinMs / written.MinMs:0.0}x (min)"));
            if (orders!.Count > 0)
            {
                // The plan before the metric-index walk, timed alternately with the current one for a fair before/after ratio.
                var (current, general) = await Timings.MeasurePairAsync(
                    3,
                    samples * 2,
                    _ => RunSearch.SearchAsync(Metadata(workspace), TrackingDialect.Sqlite, new RunQuery([experimentId], clauses!, orders!, ViewType.ActiveOnly, 1000, 0), ct),
                    _ => RunSearch.SearchAsync(Metadata(workspace), TrackingDialect.Sqlite, new RunQuery([experimentId], clauses!, orders!, ViewType.ActiveOnly, 1000, 0), ct, allowDrivenPlan: false)).ConfigureAwait(false);
                Console.WriteLine($"    store, metric-index plan (alternated) {current}");
                Console.WriteLine($"    store, general plan (INTERSECT+sort)  {general}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratio general/metric-index {general.MedianMs / current.MedianMs:0.0}x (median), {general.MinMs / current.MinMs:0.0}x (min)"));
            }

            if (filter is not null)
            {
                var naive = await Timings.MeasureAsync(1, Math.Max(3, samples / 3), _ => NaiveTrackingBaseline.SearchNPlusOneAsync(Metadata(workspace), long.Parse(experimentId, CultureInfo.InvariantCulture), 1000, ct)).ConfigureAwait(false);
                Console.WriteLine($"    baseline: same query, N+1 loads       {naive}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratio baseline/API {naive.MedianMs / api.MedianMs:0.0}x, baseline/store {naive.MedianMs / store.MedianMs:0.0}x (median); target < 50-100 ms"));
            }
        }
    }

    private static async Task<long> RunPkAsync(ChurnOpsWorkspace workspace, string runId, CancellationToken ct)
    {
        await using var connection = await Metadata(workspace).OpenConnectionAsync(ct).ConfigureAwait(false);
        return (long)(await TrackingSql.ScalarAsync(connection, null, "SELECT run_pk FROM tracking_runs WHERE run_id = @id", ct, ("@id", runId)).ConfigureAwait(false))!;
    }

    private static SqliteMetadataDatabase Metadata(ChurnOpsWorkspace workspace) => workspace.Services.GetRequiredService<EmbeddedStorage>().Metadata;
}
