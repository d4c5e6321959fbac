namespace ChurnOps.Core.Tracking;

/// <summary>
/// Picks the steps metrics/get-history-bulk-interval returns, as MLflow does: every logged step in the range when there
/// are at most maxResults of them, else maxResults evenly spaced ones plus the last; each run's first and last step in
/// the range are always kept so no line loses its ends.
/// </summary>
public static class MetricStepSampler
{
    /// <param name="allSteps">The distinct logged steps of all runs, ascending.</param>
    /// <param name="runEnds">Each run's smallest and largest logged step.</param>
    /// <param name="startStep">Range start; with <paramref name="endStep"/> null too, the range is 0 to the largest step.</param>
    public static IReadOnlyList<long> Sample(IReadOnlyList<long> allSteps, IEnumerable<(long Min, long Max)> runEnds, int maxResults, long? startStep, long? endStep)
    {
        ArgumentNullException.ThrowIfNull(allSteps);
        ArgumentNullException.ThrowIfNull(runEnds);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var start = startStep ?? 0;
        var end = endStep ?? (allSteps.Count == 0 ? 0 : allSteps[^1]);
        var chosen = new SortedSet<long>(runEnds.SelectMany(e => new[] { e.Min, e.Max }).Where(s => s >= start && s <= end));

        var first = Bound(allSteps, s => s < start);
        var last = Bound(allSteps, s => s <= end);
        var count = last - first;
        if (count <= 0)
        {
            return chosen.ToList();
        }

        if (count <= maxResults)
        {
            for (var i = first; i < last; i++)
            {
                chosen.Add(allSteps[i]);
            }
        }
        else
        {
            var interval = (double)count / maxResults;
            for (var i = 0; i < maxResults; i++)
            {
                chosen.Add(allSteps[first + (int)(i * interval)]);
            }

            chosen.Add(allSteps[last - 1]);
        }

        return chosen.ToList();
    }

    /// <summary>Index of the first step for which <paramref name="before"/> is false (steps are ascending).</summary>
    private static int Bound(IReadOnlyList<long> steps, Func<long, bool> before)
    {
        int low = 0, high = steps.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (before(steps[mid]))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
