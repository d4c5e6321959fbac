namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>
/// numpy's <c>histogram_bin_edges(pooled, bins="sturges")</c> and <c>histogram(sample, edges)</c> on sorted samples:
/// equal-width bins between the pooled minimum and maximum, ⌈range / (range / (log₂ N + 1))⌉ of them, each
/// [left, right) except the last, which is closed.
/// </summary>
internal static class SturgesBins
{
    /// <summary>Both inputs sorted ascending, without NaN, each non-empty.</summary>
    public static double[] Edges(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var min = Math.Min(first[0], second[0]);
        var max = Math.Max(first[^1], second[^1]);
        var size = first.Length + second.Length;
        var ptp = max - min;
        var lo = min;
        var hi = max;
        if (lo == hi)
        {
            lo -= 0.5;
            hi += 0.5;
        }

        var width = ptp / (Math.Log2(size) + 1.0);
        var bins = width != 0 ? (int)Math.Ceiling((hi - lo) / width) : 1;
        return Linspace(lo, hi, bins + 1);
    }

    /// <summary>numpy's linspace with the end point: i·step + start, the last edge exactly the stop.</summary>
    public static double[] Linspace(double start, double stop, int count)
    {
        var edges = new double[count];
        var div = count - 1;
        var delta = stop - start;
        var step = delta / div;
        for (var i = 0; i < count; i++)
        {
            edges[i] = step == 0 ? i / (double)div * delta + start : i * step + start;
        }

        edges[^1] = stop;
        return edges;
    }

    /// <summary>Counts per bin of a sorted sample (values outside the edges are not counted).</summary>
    public static long[] Count(ReadOnlySpan<double> sorted, double[] edges)
    {
        var counts = new long[edges.Length - 1];
        var previous = LowerBound(sorted, edges[0]);
        for (var b = 0; b < counts.Length; b++)
        {
            var next = b == counts.Length - 1 ? UpperBound(sorted, edges[b + 1]) : LowerBound(sorted, edges[b + 1]);
            counts[b] = next - previous;
            previous = next;
        }

        return counts;
    }

    internal static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    internal static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
