using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Tracking;
using ChurnOps.Server.Mlflow;

namespace ChurnOps.Bench.Tracking;

/// <summary>
/// runs/search's JSON alone, in memory: 1,000 runs shaped like the tracking seeder's, written by the Utf8JsonWriter
/// the endpoint uses and by the source-generated serializer it replaced, alternated many times.
/// </summary>
internal sealed class SearchJsonBenchmark : IBenchHarness
{
    public string Name => "tracking-json";

    public string Description => "runs/search JSON for 1,000 runs: Utf8JsonWriter vs source-generated serializer";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var samples = quick ? 50 : 300;
        var random = new Random(42);
        var runs = Enumerable.Range(0, 1000).Select(i =>
        {
            var id = i.ToString("x32", CultureInfo.InvariantCulture);
            var info = new RunInfo(id, "run-" + i, "1", "bench", "FINISHED", 1_700_000_000_000L + i, 1_700_000_030_000L + i, $"mlflow-artifacts:/1/{id}/artifacts", "active");
            var data = new RunData(
                [new("auc", 0.5 + (random.NextDouble() / 2), 1, 0), new("f1", random.NextDouble(), 1, 0), new("log_loss", random.NextDouble(), 1, 0)],
                [new("trainer", TrackingSeeder.Trainers[random.Next(4)]), new("learning_rate", "0.05"), new("seed", "7")],
                [new("mlflow.runName", "run-" + i), new("team", "ds")]);
            return new Run(info, data, []);
        }).ToList();

        var bytes = 0L;
        var (writer, serializer) = await Timings.MeasurePairAsync(
            20,
            samples,
            _ =>
            {
                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    MlflowRunsJsonWriter.WriteSearchResponse(json, runs, null);
                }

                bytes = buffer.Length;
                return Task.CompletedTask;
            },
            async _ =>
            {
                using var buffer = new MemoryStream();
                var response = new MlflowSearchRunsResponse(runs.Select(MlflowRunJson.From).ToList(), null);
                await JsonSerializer.SerializeAsync(buffer, response, MlflowJsonContext.Default.MlflowSearchRunsResponse, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs/search JSON, 1,000 runs ({bytes / 1024} KiB)"));
        Console.WriteLine($"  Utf8JsonWriter (endpoint)               {writer}");
        Console.WriteLine($"  source-generated serializer (before)    {serializer}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio serializer/writer {serializer.MedianMs / writer.MedianMs:0.0}x (median), {serializer.MinMs / writer.MinMs:0.0}x (min)"));
    }
}
