using System.Diagnostics;
using ChurnOps.Core.Features;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Features.Redis;

namespace ChurnOps.Bench.Features;

/// <summary>
/// The team online store against the embedded one in the same run: the same view (13 features per entity) written to
/// Redis (a local redis-server on loopback, started here, or CHURNOPS_BENCH_REDIS) and to SQLite, then single-entity
/// lookups one at a time (latency per request) and 64 at a time (the shared multiplexed connection under load).
/// Lookups alternate between the stores in blocks so machine noise falls on both.
/// </summary>
internal sealed class RedisOnlineLookupBenchmark : IBenchHarness
{
    public string Name => "features-online-redis";

    public string Description => "Online lookups (p50/p99, concurrent throughput): Redis online store vs SQLite online store";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var entities = quick ? 20_000 : 200_000;
        var lookups = quick ? 20_000 : 100_000;
        var url = Environment.GetEnvironmentVariable("CHURNOPS_BENCH_REDIS") ?? await RedisTestServer.UrlAsync();
        RedisLocation.TryParse(url, out var location, out var error);
        if (location is null)
        {
            throw new InvalidOperationException("CHURNOPS_BENCH_REDIS: " + error);
        }

        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-online-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await using var source = new RedisOnlineStoreSource(location, Environment.GetEnvironmentVariable("CHURNOPS_BENCH_REDIS_PASSWORD"), "bench-" + Guid.NewGuid().ToString("N"), TimeSpan.FromHours(1));
        try
        {
            var redis = await source.GetAsync(cancellationToken);
            var sqlite = await SqliteOnlineStore.OpenAsync(Path.Combine(root, "online.db"), cancellationToken);
            var records = OnlineBenchRecords.Create(entities, new Random(7));
            var redisWrite = await TimeAsync(() => redis.WriteAsync("bench", records, replaceView: true, cancellationToken));
            var sqliteWrite = await TimeAsync(() => sqlite.WriteAsync("bench", records, replaceView: true, cancellationToken));

            var random = new Random(42);
            var keys = Enumerable.Range(0, lookups).Select(_ => "C" + random.Next(entities)).ToArray();
            var stores = new (string Name, IOnlineStore Store)[] { ("redis", redis), ("sqlite", sqlite) };
            foreach (var (_, store) in stores)
            {
                for (var i = 0; i < 2000; i++)
                {
                    await store.ReadAsync("bench", keys[i], cancellationToken);
                }
            }

            var times = stores.ToDictionary(s => s.Name, _ => new List<double>(lookups));
            const int Block = 1000;
            for (var from = 0; from < lookups; from += Block)
            {
                foreach (var (name, store) in stores)
                {
                    for (var i = from; i < Math.Min(lookups, from + Block); i++)
                    {
                        var start = Stopwatch.GetTimestamp();
                        _ = await store.ReadAsync("bench", keys[i], cancellationToken) ?? throw new InvalidOperationException($"{name}: missing entity {keys[i]}");
                        times[name].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    }
                }
            }

            var throughput = new Dictionary<string, double>();
            foreach (var (name, store) in stores)
            {
                throughput[name] = await ConcurrentLookupsPerSecondAsync(store, keys, 64, cancellationToken);
            }

            var redisTimes = times["redis"].Order().ToArray();
            var sqliteTimes = times["sqlite"].Order().ToArray();
            Console.WriteLine($"online lookups: {lookups:N0} single-entity lookups per store over {entities:N0} entities × 13 features; Redis at {location}");
            Console.WriteLine($"  write (full materialization)  redis {entities / redisWrite.TotalSeconds,10:N0} entities/s   sqlite {entities / sqliteWrite.TotalSeconds,10:N0} entities/s");
            Console.WriteLine($"  one at a time   redis  p50 {Percentile(redisTimes, 0.50),7:F1} us  p99 {Percentile(redisTimes, 0.99),7:F1} us");
            Console.WriteLine($"                  sqlite p50 {Percentile(sqliteTimes, 0.50),7:F1} us  p99 {Percentile(sqliteTimes, 0.99),7:F1} us");
            Console.WriteLine($"  ratio redis / sqlite: p50 {Percentile(redisTimes, 0.50) / Percentile(sqliteTimes, 0.50):F2}x  p99 {Percentile(redisTimes, 0.99) / Percentile(sqliteTimes, 0.99):F2}x");
            Console.WriteLine($"  64 concurrent   redis {throughput["redis"],10:N0} lookups/s   sqlite {throughput["sqlite"],10:N0} lookups/s   ratio {throughput["redis"] / throughput["sqlite"]:F2}x");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<double> ConcurrentLookupsPerSecondAsync(IOnlineStore store, string[] keys, int concurrency, CancellationToken cancellationToken)
    {
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < keys.Length)
            {
                await store.ReadAsync("bench", keys[i], cancellationToken);
            }
        }, cancellationToken)));
        return keys.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
