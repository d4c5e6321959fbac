namespace ChurnOps.Core.Deployments;

/// <summary>
/// The latency histogram's bucket bounds (milliseconds, roughly ×1.25 apart from 0.05 ms to 10 s) and the percentile
/// read from bucket counts: the upper bound of the bucket holding the rank, so p99 is never under-reported.
/// </summary>
public static class LatencyBuckets
{
    public static IReadOnlyList<double> UpperBounds { get; } = Build();

    /// <summary>The bucket of a latency; the last bucket takes everything above the highest bound.</summary>
    public static int BucketOf(double milliseconds)
    {
        var bounds = UpperBounds;
        var lo = 0;
        var hi = bounds.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (milliseconds <= bounds[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the counted latencies; null when nothing was counted.</summary>
    public static double? Percentile(IReadOnlyList<long> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return UpperBounds[i];
            }
        }

        return UpperBounds[^1];
    }

    private static double[] Build()
    {
        var bounds = new List<double>();
        for (var bound = 0.05; bound < 10_000; bound *= 1.25)
        {
            bounds.Add(Math.Round(bound, 3));
        }

        bounds.Add(double.PositiveInfinity);
        return [.. bounds];
    }
}
