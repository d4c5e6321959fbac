using System.Text.Json.Nodes;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Bench.Serving;

/// <summary>
/// Online predict, one JSON row per request, 64 connections (PERFORMANCE.md): ChurnOps' /v2 infer against an empty ASP.NET
/// JSON POST endpoint on the same machine, in the same run. Target: at least 50% of the empty endpoint's throughput.
/// </summary>
internal sealed class OnlineServingHarness : IBenchHarness
{
    public string Name => "serving";

    public string Description => "online predict (wrk, 64 connections) vs an empty ASP.NET JSON POST endpoint";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var seconds = quick ? 5 : 15;
        var dir = Path.Combine(Path.GetTempPath(), "churnops-bench-serving-" + Guid.NewGuid().ToString("N")[..8]);
        Console.WriteLine($"training a model on 2,000 customers in {dir}...");
        var (summary, error) = await new QuickstartRunner(TimeProvider.System).RunAsync(new QuickstartOptions(dir, 2000, 42, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "bench"), null, cancellationToken);
        if (summary is null)
        {
            throw new InvalidOperationException(error);
        }

        var (workspace, _) = await ChurnOpsWorkspace.OpenAsync(dir, TimeProvider.System, cancellationToken);
        var body = await OneRowRequestAsync(workspace!, cancellationToken);

        await using var baseline = EmptyEndpoint();
        await baseline.StartAsync(cancellationToken);
        await using var server = ChurnOpsServer.Build(workspace!, new ServerOptions("http://127.0.0.1:0"));
        await server.StartAsync(cancellationToken);

        // Warm both (JIT, pools), then measure each for the same duration.
        await WrkRunner.PostAsync(baseline.Urls.First() + "/echo", body, 64, 2, cancellationToken);
        await WrkRunner.PostAsync(server.Urls.First() + "/v2/models/churn/infer", body, 64, 2, cancellationToken);
        var empty = await WrkRunner.PostAsync(baseline.Urls.First() + "/echo", body, 64, seconds, cancellationToken);
        var infer = await WrkRunner.PostAsync(server.Urls.First() + "/v2/models/churn/infer", body, 64, seconds, cancellationToken);

        Console.WriteLine($"empty JSON POST : {empty.RequestsPerSecond,10:N0} req/s   p99 {empty.P99Ms,7:F2} ms");
        Console.WriteLine($"churnops infer  : {infer.RequestsPerSecond,10:N0} req/s   p99 {infer.P99Ms,7:F2} ms");
        Console.WriteLine($"ratio           : {infer.RequestsPerSecond / empty.RequestsPerSecond:P0} of the empty endpoint (target >= 50%)");
        await server.StopAsync(cancellationToken);
        await baseline.StopAsync(cancellationToken);
    }

    private static WebApplication EmptyEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/echo", (JsonObject body) => Results.Ok(new { ok = body.Count }));
        return app;
    }

    private static async Task<string> OneRowRequestAsync(ChurnOpsWorkspace workspace, CancellationToken cancellationToken)
    {
        var row = await workspace.Warehouse.QueryAsync("SELECT * EXCLUDE (customer_id, event_timestamp) FROM features.customer_features ORDER BY customer_id LIMIT 1", cancellationToken);
        var inputs = new JsonArray();
        foreach (var column in row.Columns)
        {
            JsonNode? value = column.Kind == ColumnKind.Text ? JsonValue.Create(column.Texts![0]) : double.IsNaN(column.Numbers![0]) ? null : JsonValue.Create(column.Numbers[0]);
            inputs.Add(new JsonObject { ["name"] = column.Name, ["shape"] = new JsonArray(1), ["datatype"] = column.Kind == ColumnKind.Text ? "BYTES" : "FP64", ["data"] = new JsonArray(value) });
        }

        return new JsonObject { ["inputs"] = inputs }.ToJsonString();
    }
}
