namespace ChurnOps.Core.Tracking;

/// <summary>Runs side by side: the union of their params and metrics, keys sorted, one column per run in the given order.</summary>
public sealed record RunComparison(IReadOnlyList<RunInfo> Runs, IReadOnlyList<ParamComparisonRow> Params, IReadOnlyList<MetricComparisonRow> Metrics)
{
    public static RunComparison Build(IReadOnlyList<Run> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var paramMaps = runs.Select(r => r.Data.Params.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)).ToList();
        var metricMaps = runs.Select(r => r.Data.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal)).ToList();

        var paramRows = paramMaps.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(key =>
            {
                var values = paramMaps.Select(m => m.TryGetValue(key, out var v) ? v : null).ToList();
                return new ParamComparisonRow(key, values, values.Distinct(StringComparer.Ordinal).Skip(1).Any());
            })
            .ToList();

        var metricRows = metricMaps.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(key =>
            {
                var values = metricMaps.Select(m => m.TryGetValue(key, out var v) ? v : (double?)null).ToList();
                var present = values.OfType<double>().Where(v => !double.IsNaN(v)).ToList();
                return new MetricComparisonRow(key, values, present.Count > 1 ? present.Max() - present.Min() : null);
            })
            .ToList();

        return new RunComparison(runs.Select(r => r.Info).ToList(), paramRows, metricRows);
    }
}
