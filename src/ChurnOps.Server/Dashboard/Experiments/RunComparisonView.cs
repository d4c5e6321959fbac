using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>Runs side by side: a chart of their metrics, metric and param tables (best values and differences marked), histories.</summary>
internal static class RunComparisonView
{
    private const int MaxChartedMetrics = 12;

    public static void Write(HtmlWriter w, RunComparison comparison)
    {
        var names = comparison.Runs.Select(RunTableView.Name).ToList();
        var unit = comparison.MetricKeys.Where(k => comparison.Runs.All(r => !r.Metrics.TryGetValue(k, out var v) || (v >= 0 && v <= 1))).Take(MaxChartedMetrics).ToList();
        if (unit.Count > 0)
        {
            BarChart.Write(w, "Metrics between 0 and 1", "metric", "value", unit,
                [.. comparison.Runs.Select((r, i) => new BarSeries(names[i], [.. unit.Select(k => r.Metrics.TryGetValue(k, out var v) ? v : double.NaN)]))]);
        }

        w.Element("h2", "Metrics");
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table", ("class", "compare-metrics")))
        {
            Head(w, comparison, "Metric");
            using (w.Tag("tbody"))
            {
                foreach (var key in comparison.MetricKeys)
                {
                    var values = comparison.Runs.Select(r => r.Metrics.TryGetValue(key, out var v) ? v : (double?)null).ToList();
                    var best = values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Max();
                    using (w.Tag("tr"))
                    {
                        w.Element("th", key, ("scope", "row"), ("class", "mono"));
                        foreach (var value in values)
                        {
                            var isBest = value is not null && value.Value == best && values.Count(v => v is not null) > 1;
                            w.Element("td", DashboardFormat.Number(value) + (isBest ? " (highest)" : string.Empty), ("class", isBest ? "num best" : "num"));
                        }
                    }
                }
            }
        }

        w.Element("h2", "Params");
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            Head(w, comparison, "Param");
            using (w.Tag("tbody"))
            {
                foreach (var key in comparison.ParamKeys)
                {
                    var values = comparison.Runs.Select(r => r.Params.TryGetValue(key, out var v) ? v : null).ToList();
                    var differs = values.Distinct(StringComparer.Ordinal).Count() > 1;
                    using (w.Tag("tr", ("class", differs ? "differs" : null)))
                    {
                        w.Element("th", key + (differs ? " (differs)" : string.Empty), ("scope", "row"), ("class", "mono"));
                        foreach (var value in values)
                        {
                            w.Element("td", value is null ? "—" : DashboardErrors.Excerpt(value, 60), ("class", "mono"));
                        }
                    }
                }
            }
        }

        foreach (var (key, points) in comparison.Histories)
        {
            LineChart.Write(w, key + " by step", "step", key,
                [.. comparison.Runs.Select((r, i) => new LineSeries(names[i], [.. points.Where(p => p.RunId == r.RunId).OrderBy(p => p.Step).Select(p => new LinePoint(p.Step, p.Value))]))]);
        }
    }

    private static void Head(HtmlWriter w, RunComparison comparison, string first)
    {
        using (w.Tag("thead"))
        using (w.Tag("tr"))
        {
            w.Element("th", first, ("scope", "col"));
            foreach (var run in comparison.Runs)
            {
                using (w.Tag("th", ("scope", "col")))
                {
                    w.Link(RunLinks.Run(run.RunId), RunTableView.Name(run));
                }
            }
        }
    }
}
