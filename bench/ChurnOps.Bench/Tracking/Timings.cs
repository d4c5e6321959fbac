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

        Array.Sort(times);
        return new Timings(times[samples / 2], times[Math.Min(samples - 1, (int)Math.Ceiling(samples * 0.95) - 1)], times[0], samples);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"median {MedianMs,8:0.00} ms  p95 {P95Ms,8:0.00} ms  min {MinMs,8:0.00} ms  (n={Samples})");
}
