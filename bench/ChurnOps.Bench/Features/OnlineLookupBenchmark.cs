using System.Diagnostics;
using ChurnOps.Core.Features;
using ChurnOps.Platform.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Features;

/// <summary>
/// Single-entity online lookups through FeatureStore.GetOnlineFeaturesAsync (13 features per entity, like
/// customer_features), against a bare prepared SQLite primary-key probe on one open connection as the baseline.
/// </summary>
internal sealed class OnlineLookupBenchmark : IBenchHarness
{
    public string Name => "features-online-lookup";

    public string Description => "Single-entity online feature lookups (p50/p99) vs a bare prepared SQLite probe";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var entities = quick ? 20_000 : 200_000;
        var lookups = quick ? 20_000 : 200_000;
        var (workspace, root) = await BenchProject.CreateAsync("online");
        try
        {
            var store = workspace.Services.GetRequiredService<FeatureStore>();
            var online = await store.GetOnlineStoreAsync(cancellationToken);
            var random = new Random(42);
            var records = OnlineBenchRecords.Create(entities, random);

            var write = Stopwatch.StartNew();
            await online.WriteAsync("bench", records, replaceView: true, cancellationToken);
            write.Stop();

            var keys = Enumerable.Range(0, lookups).Select(_ => "C" + random.Next(entities)).ToArray();
            for (var i = 0; i < 2000; i++)
            {
                await store.GetOnlineFeaturesAsync("bench", keys[i], cancellationToken);
            }

            var storeTimes = new double[lookups];
            for (var i = 0; i < lookups; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var found = await store.GetOnlineFeaturesAsync("bench", keys[i], cancellationToken);
                storeTimes[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (found is null)
                {
                    throw new InvalidOperationException("missing entity " + keys[i]);
                }
            }

            var rawTimes = await RawProbeAsync(workspace.Layout.OnlineStoreFile, keys, cancellationToken);
            Array.Sort(storeTimes);
            Array.Sort(rawTimes);
            Console.WriteLine($"online-lookup: {lookups:N0} single-entity lookups over {entities:N0} entities (bulk write {entities / write.Elapsed.TotalSeconds:N0} entities/s)");
            Console.WriteLine($"  FeatureStore.GetOnlineFeaturesAsync  p50 {Percentile(storeTimes, 0.50),7:F1} us  p99 {Percentile(storeTimes, 0.99),7:F1} us  max {storeTimes[^1],8:F1} us");
            Console.WriteLine($"  raw prepared SQLite probe (baseline) p50 {Percentile(rawTimes, 0.50),7:F1} us  p99 {Percentile(rawTimes, 0.99),7:F1} us");
            Console.WriteLine($"  ratio p99 store / raw probe: {Percentile(storeTimes, 0.99) / Percentile(rawTimes, 0.99):F1}x; p99 target < 1000 us");
        }
        finally
        {
            BenchProject.Delete(root);
        }
    }

    private static async Task<double[]> RawProbeAsync(string file, string[] keys, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM online_features WHERE view = 'bench' AND entity = $entity";
        var parameter = command.Parameters.Add("$entity", SqliteType.Text);
        command.Prepare();
        var times = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            parameter.Value = keys[i];
            _ = await command.ExecuteScalarAsync(cancellationToken);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return times;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
