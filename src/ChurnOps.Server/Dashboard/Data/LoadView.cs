using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Data;

/// <summary>A load: its counts, the rules its quarantined rows broke (a chart and a table), and sample rows.</summary>
internal static class LoadView
{
    public static void Write(HtmlWriter w, LoadDetail detail)
    {
        var load = detail.Load;
        using (w.Tag("div", ("class", "cards")))
        {
            Card(w, "rows read", DashboardFormat.Count(load.RowsRead));
            Card(w, "accepted to staging", DashboardFormat.Count(load.RowsAccepted));
            Card(w, "quarantined", DashboardFormat.Count(load.RowsQuarantined));
        }

        using (w.Tag("p", ("class", "muted")))
        {
            w.Text($"Dataset version {load.Version} of {load.Table}, loaded ");
            DashboardFormat.Time(w, load.LoadedAt);
            w.Text(load.ContractId is null ? "." : $", checked against contract {load.ContractId} {load.ContractVersion}. Files: {string.Join(", ", load.Files.Select(f => Path.GetFileName(f)))}.");
        }

        w.Element("h2", "Expectation results (row level)");
        if (load.RowsQuarantined == 0)
        {
            w.Element("p", "Every row met every rule of the contract: nothing was quarantined.", ("class", "notice"));
            return;
        }

        BarChart.Write(w, "Quarantined rows by broken rules", "rules broken", "rows", [.. detail.BrokenRules.Take(12).Select(r => r.Rules)],
            [new BarSeries("rows", [.. detail.BrokenRules.Take(12).Select(r => (double)r.Rows)])]);
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            DataTables.Head(w, "Rules broken", "Rows#");
            using (w.Tag("tbody"))
            {
                foreach (var rule in detail.BrokenRules)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("td", rule.Rules, ("class", "mono"));
                        w.Element("td", DashboardFormat.Count(rule.Rows), ("class", "num"));
                    }
                }
            }
        }

        w.Element("h2", $"Sample of quarantined rows ({detail.SampleRows.Count} of {DashboardFormat.Count(load.RowsQuarantined)})");
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table", ("class", "sample")))
        {
            DataTables.Head(w, [.. detail.SampleColumns]);
            using (w.Tag("tbody"))
            {
                foreach (var row in detail.SampleRows)
                {
                    using (w.Tag("tr"))
                    {
                        foreach (var value in row)
                        {
                            w.Element("td", value is null ? "∅" : DashboardErrors.Excerpt(value, 80), ("class", "mono"));
                        }
                    }
                }
            }
        }
    }

    private static void Card(HtmlWriter w, string label, string value)
    {
        using (w.Tag("div", ("class", "card")))
        {
            w.Element("div", value, ("class", "value"));
            w.Element("div", label, ("class", "label"));
        }
    }
}
