using System.Diagnostics;
using ChurnOps.Platform.Monitoring;

namespace ChurnOps.Bench.Serving;

/// <summary>
/// The prediction journal alone under online-like load: CONNECTIONS concurrent writers, each appending one prediction
/// per request and waiting for it to be durable, as the serving endpoints do; one flush lane (one group commit at a time)
/// against two (the next group flushes while one is in flight), in alternating rounds on the same disk. Prints per
/// round appends/s, mean and p99 wait, flushes per 1,000 appends, process CPU and bytes allocated per append; then the
/// medians and 2-lane/1-lane ratios. CPU and bytes are the figures that hold on a busy machine; waits are the point.
/// </summary>
internal sealed class JournalLanesHarness : IBenchHarness
{
    public string Name => "journal-lanes";

    public string Description => "prediction journal group commit: 1 vs 2 flush lanes, 64 concurrent writers (wait, CPU, B per append)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var writers = int.TryParse(Environment.GetEnvironmentVariable("CONNECTIONS"), out var c) ? c : 64;
        var appends = quick ? 4_000 : 20_000;
        var rounds = quick ? 2 : 4;
        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-journal-" + Guid.NewGuid().ToString("N")[..8]);
        var results = new List<LaneRound>();
        try
        {
            // A short warm-up of each so JIT and the first segments are out of the measured rounds.
            await RoundAsync(root, 1, writers, 500, cancellationToken);
            await RoundAsync(root, 2, writers, 500, cancellationToken);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var lanes in round % 2 == 0 ? new[] { 1, 2 } : [2, 1])
                {
                    var r = await RoundAsync(root, lanes, writers, appends, cancellationToken);
                    results.Add(r);
                    Console.WriteLine($"round {round + 1}, {lanes} lane(s): {r.PerSecond:F0} appends/s, wait mean {r.MeanMs:F2} ms p99 {r.P99Ms:F2} ms, {r.FlushesPer1000:F0} flushes per 1,000, CPU {r.CpuUs:F1} us/append, {r.Bytes:F0} B/append");
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        double Median(int lanes, Func<LaneRound, double> pick)
        {
            var values = results.Where(r => r.Lanes == lanes).Select(pick).Order().ToList();
            return values[values.Count / 2];
        }

        Console.WriteLine($"medians ({writers} writers, {appends:N0} appends a round):");
        foreach (var (name, pick) in new (string, Func<LaneRound, double>)[]
        {
            ("appends/s", r => r.PerSecond), ("wait mean ms", r => r.MeanMs), ("wait p99 ms", r => r.P99Ms),
            ("flushes per 1,000", r => r.FlushesPer1000), ("CPU us/append", r => r.CpuUs), ("B/append", r => r.Bytes),
        })
        {
            var one = Median(1, pick);
            var two = Median(2, pick);
            Console.WriteLine($"  {name}: 1 lane {one:F2}, 2 lanes {two:F2}, 2/1 {two / one:F2}");
        }
    }

    private static async Task<LaneRound> RoundAsync(string root, int lanes, int writers, int appends, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(root, Guid.NewGuid().ToString("N"));
        var journal = PredictionJournal.Open(dir, 16L * 1024 * 1024, lanes);
        journal.Start((_, _) => ValueTask.CompletedTask);
        var waits = new double[appends];
        var next = -1;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var bytes0 = GC.GetTotalAllocatedBytes(precise: false);
        var flushes0 = journal.Flushes;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var record = Record($"w{w}");
            PredictionRecord[] one = [record];
            while (Interlocked.Increment(ref next) is var i && i < appends)
            {
                var started = Stopwatch.GetTimestamp();
                await journal.AppendAsync(one, cancellationToken);
                waits[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        var flushes = journal.Flushes - flushes0;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMicroseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: false) - bytes0;
        await journal.DisposeAsync();
        Directory.Delete(dir, recursive: true);
        Array.Sort(waits);
        return new LaneRound(lanes, appends / seconds, waits.Average(), waits[(int)(appends * 0.99)], flushes * 1000.0 / appends, cpu / appends, (double)bytes / appends);
    }

    private static PredictionRecord Record(string entity) =>
        new(Guid.NewGuid().ToString("N"), "churn", 1, entity, 0.25, false, "online", DateTimeOffset.UtcNow,
            """{"days_as_customer":412,"events_per_day":3.5,"monthly_charges":70.25,"plan":"premium","contract_type":"month-to-month","region":"west"}""");

    /// <summary>One measured round: its lane count and figures per append.</summary>
    private readonly record struct LaneRound(int Lanes, double PerSecond, double MeanMs, double P99Ms, double FlushesPer1000, double CpuUs, double Bytes);
}
