using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Inference;
using ChurnOps.Server.Invocations;
using ChurnOps.Server.Predict;
using ChurnOps.Training.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Serving;

/// <summary>
/// Where an online request's CPU goes, one phase at a time on one thread (no HTTP, no contention): reading the body as
/// the empty endpoint does (JsonObject) against ChurnOps' request read, parse, score, prediction enqueue and the inputs
/// JSON the background writer produces. Best of 5 rounds; allocations per operation.
/// </summary>
internal sealed class InferencePhasesHarness : IBenchHarness
{
    public string Name => "serving-phases";

    public string Description => "online infer phases (read, parse, score, log) in ns/op and B/op vs reading a JsonObject";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "churnops-bench-phases-" + Guid.NewGuid().ToString("N")[..8]);
        var (summary, error) = await new QuickstartRunner(TimeProvider.System).RunAsync(new QuickstartOptions(dir, 2000, 42, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "bench"), null, cancellationToken);
        if (summary is null)
        {
            throw new InvalidOperationException(error);
        }

        var (workspace, _) = await ChurnOpsWorkspace.OpenAsync(dir, TimeProvider.System, cancellationToken);
        var row = await workspace!.Warehouse.QueryAsync("SELECT * EXCLUDE (customer_id, event_timestamp) FROM features.customer_features ORDER BY customer_id LIMIT 1", cancellationToken);
        var inputs = new JsonArray();
        foreach (var column in row.Columns)
        {
            JsonNode? value = column.Kind == ColumnKind.Text ? JsonValue.Create(column.Texts![0]) : double.IsNaN(column.Numbers![0]) ? null : JsonValue.Create(column.Numbers[0]);
            inputs.Add(new JsonObject { ["name"] = column.Name, ["shape"] = new JsonArray(1), ["datatype"] = column.Kind == ColumnKind.Text ? "BYTES" : "FP64", ["data"] = new JsonArray(value) });
        }

        var body = Encoding.UTF8.GetBytes(new JsonObject { ["inputs"] = inputs }.ToJsonString());
        var nativeRow = new JsonObject();
        foreach (var column in row.Columns)
        {
            nativeRow[column.Name] = column.Kind == ColumnKind.Text ? JsonValue.Create(column.Texts![0]) : double.IsNaN(column.Numbers![0]) ? null : JsonValue.Create(column.Numbers[0]);
        }

        var nativeBody = Encoding.UTF8.GetBytes(new JsonObject { ["rows"] = new JsonArray(nativeRow) }.ToJsonString());
        var cache = new ServedModelCache(workspace.Config, workspace.Registry, workspace.Artifacts, workspace.Time);
        var (served, _) = await cache.GetAsync("churn", workspace.Config.Serving.Alias, cancellationToken);
        using var viaMlNet = new ScoringEngine(served!.Engine.Package, 4, compile: false);
        Console.WriteLine($"champion: {served.Engine.Package.Metadata.Trainer}, compiled: {served.Engine.UsesCompiledScorer}");
        Console.WriteLine($"native body read in one pass: {PredictRowsReader.TryRead(nativeBody, PredictRowsLayout.Of(served.Engine.Signature.Inputs, workspace.Config.Model.Entity), out _)}");
        var specs = served!.Engine.Signature.Inputs.Select(i => new InputSpec(i.Name, string.Equals(i.Kind, "text", StringComparison.OrdinalIgnoreCase), i.Required)).ToList();
        var log = new PredictionLog(workspace.Services.GetRequiredService<PredictionWriter>(), Path.Combine(dir, "spool"));
        var request0 = JsonSerializer.Deserialize(body, InferenceJsonContext.Default.InferenceRequest);
        var (data0, _) = InferenceRequestParser.Parse(request0, specs);
        var phases = new (string Name, Action Run)[]
        {
            ("jsonobject", () => JsonSerializer.Deserialize<JsonObject>(body)),
            ("jsondocument", () => JsonDocument.Parse(body).Dispose()),
            ("deser", () => JsonSerializer.Deserialize(body, InferenceJsonContext.Default.InferenceRequest)),
            ("parse", () => InferenceRequestParser.Parse(request0, specs)),
            // The native predict route's read: the full parser (a document, then the rows) against the one-pass reader.
            ("predict-doc", () =>
            {
                using var document = JsonDocument.Parse(nativeBody);
                InvocationsJsonParser.ParseRecords(document.RootElement.GetProperty("rows"), "rows", served.Engine.Signature.Inputs, workspace.Config.Model.Entity);
            }),
            ("predict-rows", () => PredictRowsReader.TryRead(nativeBody, PredictRowsLayout.Of(served.Engine.Signature.Inputs, workspace.Config.Model.Entity), out _)),
            ("score", () => served.Engine.ScoreBatch(data0!)),
            ("score-mlnet", () => viaMlNet.ScoreBatch(data0!)),
            ("enqueue", () => log.EnqueueAsync(new PredictionRecord(Guid.CreateVersion7().ToString("N"), "churn", 1, null, 0.5, true, "online", DateTimeOffset.UtcNow, null) { InputRow = new PredictionInputRow(data0!, 0) }, cancellationToken)),
            ("inputsjson", () => new PredictionInputsJson().Write(new PredictionInputRow(data0!, 0))),
        };
        var n = quick ? 10_000 : 50_000;
        foreach (var (name, run) in phases)
        {
            var best = long.MaxValue;
            long alloc = 0;
            for (var round = 0; round < 5; round++)
            {
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    run();
                }

                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).Ticks * 100 / n);
                alloc = (GC.GetAllocatedBytesForCurrentThread() - a0) / n;
                await log.FlushAsync(cancellationToken);
            }

            Console.WriteLine($"{name,-14} {best,8} ns/op {alloc,8} B/op");
        }

        await log.FlushAsync(cancellationToken);
        Features.BenchProject.Delete(dir);
    }
}
