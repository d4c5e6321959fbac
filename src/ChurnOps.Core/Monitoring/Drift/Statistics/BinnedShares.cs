namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>Counts on shared bins (or categories) for the two sides, as Evidently's <c>get_binned_data</c> makes them.</summary>
internal sealed record BinnedShares(long[] ReferenceCounts, long[] CurrentCounts, long ReferenceTotal, long CurrentTotal)
{
    public double[] ReferencePercents() => Percents(ReferenceCounts, ReferenceTotal);

    public double[] CurrentPercents() => Percents(CurrentCounts, CurrentTotal);

    private static double[] Percents(long[] counts, long total)
    {
        var result = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            result[i] = (double)counts[i] / total;
        }

        return result;
    }
}
