using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Data;

/// <summary>The tables the Data pages share: loads, SLA history, and a generic header row.</summary>
internal static class DataTables
{
    public static string LoadLink(LoadRow load) => $"/ui/data/loads/{Uri.EscapeDataString(load.Table)}/{Uri.EscapeDataString(load.Version)}";

    public static string ContractLink(string id) => "/ui/data/contracts/" + Uri.EscapeDataString(id);

    public static string Short(string version) => version.Length <= 12 ? version : version[..12];

    public static void Head(HtmlWriter w, params string[] headings)
    {
        using (w.Tag("thead"))
        using (w.Tag("tr"))
        {
            foreach (var heading in headings)
            {
                var numeric = heading.EndsWith('#');
                w.Element("th", numeric ? heading[..^1] : heading, ("scope", "col"), ("class", numeric ? "num" : null));
            }
        }
    }

    public static void QuarantineChart(HtmlWriter w, IReadOnlyList<LoadRow> loads)
    {
        var recent = loads.Take(20).Reverse().ToList();
        if (recent.Count == 0)
        {
            return;
        }

        BarChart.Write(w, "Rows per load (oldest left)", "load (table · version)", "rows", [.. recent.Select(l => $"{l.Table} · {Short(l.Version)[..Math.Min(6, l.Version.Length)]}")],
            [new BarSeries("accepted", [.. recent.Select(l => (double)l.RowsAccepted)]), new BarSeries("quarantined", [.. recent.Select(l => (double)l.RowsQuarantined)])]);
    }

    public static void Loads(HtmlWriter w, IReadOnlyList<LoadRow> loads)
    {
        if (loads.Count == 0)
        {
            w.Element("p", "No loads yet: 'churnops ingest' records one dataset version per accepted load.", ("class", "muted"));
            return;
        }

        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table", ("class", "loads")))
        {
            Head(w, "Table", "Dataset version", "Contract", "Loaded", "Read#", "Accepted#", "Quarantined#");
            using (w.Tag("tbody"))
            {
                foreach (var load in loads)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("td", load.Table);
                        using (w.Tag("td", ("class", "mono")))
                        {
                            w.Link(LoadLink(load), Short(load.Version), ("title", load.Version));
                        }

                        using (w.Tag("td"))
                        {
                            if (load.ContractId is null)
                            {
                                w.Text("—");
                            }
                            else
                            {
                                w.Link(ContractLink(load.ContractId), $"{load.ContractId} {load.ContractVersion}");
                            }
                        }

                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, load.LoadedAt);
                        }

                        w.Element("td", DashboardFormat.Count(load.RowsRead), ("class", "num"));
                        w.Element("td", DashboardFormat.Count(load.RowsAccepted), ("class", "num"));
                        using (w.Tag("td", ("class", "num")))
                        {
                            SignalStyle.Pill(w, load.RowsQuarantined == 0 ? Signal.Green : Signal.Amber, DashboardFormat.Count(load.RowsQuarantined));
                        }
                    }
                }
            }
        }
    }

    public static void SlaHistory(HtmlWriter w, IReadOnlyList<SlaEvent> events)
    {
        if (events.Count == 0)
        {
            w.Element("p", "No SLA has been missed ('churnops sla check' measures freshness and completeness).", ("class", "muted"));
            return;
        }

        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            Head(w, "Raised", "Contract / table", "SLA", "Measured", "Threshold", "Team", "Status");
            using (w.Tag("tbody"))
            {
                foreach (var e in events)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, e.RaisedAt);
                        }

                        w.Element("td", e.Subject);
                        w.Element("td", e.Rule);
                        w.Element("td", e.Measured);
                        w.Element("td", e.Threshold);
                        w.Element("td", e.Team);
                        using (w.Tag("td"))
                        {
                            SignalStyle.Pill(w, e.Status == "resolved" ? Signal.Green : e.Status == "acked" ? Signal.Amber : Signal.Red, e.Status);
                        }
                    }
                }
            }
        }
    }
}
