using System.Diagnostics;
using System.Globalization;

namespace ChurnOps.Bench.Tracking;

/// <summary>Repeats an action and reports median and p95 in milliseconds, after a short warm-up.</summary>
internal sealed record Timings(double MedianMs, double P95Ms, double MinMs, int Samples)
{
    public static async Task<Timings> MeasureAsync(int warmup, int samples, Func<int, Task> action)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action(-1 - i).ConfigureAwait(false);
        }

        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await action(i).ConfigureAwait(false);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        return Summarize(times);
    }

    /// <summary>
    /// Times two actions alternately (a, b, a, b, …) so that load from other processes falls on both alike; on a
    /// shared machine this is what makes their ratio meaningful.
    /// </summary>
    public static async Task<(Timings First, Timings Second)> MeasurePairAsync(int warmup, int samples, Func<int, Task> first, Func<int, Task> second)
    {
        for (var i = 0; i < warmup; i++)
        {
            await first(-1 - i).ConfigureAwait(false);
            await second(-1 - i).ConfigureAwait(false);
        }

        var a = new double[samples];
        var b = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await first(i).ConfigureAwait(false);
            a[i] = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await second(i).ConfigureAwait(false);
            b[i] = watch.Elapsed.TotalMilliseconds;
        }

        return (Summarize(a), Summarize(b));
    }

    private static Timings Summarize(double[] times)
    {
        Array.Sort(times);
        var samples = times.Length;
        return new Timings(times[samples / 2], times[Math.Min(samples - 1, (int)Math.Ceiling(samples * 0.95) - 1)], times[0], samples);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"median {MedianMs,8:0.00} ms  p95 {P95Ms,8:0.00} ms  min {MinMs,8:0.00} ms  (n={Samples})");
}
