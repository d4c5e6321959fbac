using System.Globalization;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>The runs table: filter form, sortable headers, tick boxes for a comparison, and pages.</summary>
internal static class RunTableView
{
    public static void Write(HtmlWriter w, RunTable table)
    {
        WriteFilter(w, table);
        using (w.Tag("form", ("method", "get"), ("action", "/ui/runs/compare"), ("class", "compare")))
        {
            using (w.Tag("div", ("class", "scroll")))
            using (w.Tag("table", ("class", "runs")))
            {
                w.Element("caption", $"Runs {((table.Page - 1) * table.PageSize) + 1:N0}–{((table.Page - 1) * table.PageSize) + table.Runs.Count:N0}, sorted by {table.Order}.");
                WriteHead(w, table);
                WriteBody(w, table);
            }

            using (w.Tag("p", ("class", "pager")))
            {
                using (w.Tag("button", ("type", "submit"), ("data-compare-submit", "")))
                {
                    w.Text("Compare selected runs (2–5)");
                }

                WritePager(w, table);
            }
        }
    }

    private static void WriteFilter(HtmlWriter w, RunTable table)
    {
        using (w.Tag("form", ("method", "get"), ("action", RunLinks.Experiment(table.ExperimentId)), ("class", "filter"), ("role", "search")))
        {
            using (w.Tag("label", ("class", "wide")))
            {
                w.Text("Filter (MLflow search syntax)");
                w.Void("input", ("type", "search"), ("name", "filter"), ("value", table.Filter ?? string.Empty), ("placeholder", "metrics.test_auc > 0.8 and params.trainer = 'lightgbm'"), ("spellcheck", "false"), ("autocomplete", "off"));
            }

            if (table.Order != RunTableRequest.DefaultOrder)
            {
                w.Void("input", ("type", "hidden"), ("name", "order"), ("value", table.Order));
            }

            if (table.PageSize != RunTableRequest.DefaultPageSize)
            {
                w.Void("input", ("type", "hidden"), ("name", "size"), ("value", table.PageSize.ToString(CultureInfo.InvariantCulture)));
            }

            w.Element("button", "Apply", ("type", "submit"));
            if (table.Filter is not null)
            {
                w.Link(RunLinks.Table(table.ExperimentId, null, table.Order, 1, table.PageSize), "Clear", ("class", "button secondary"));
            }
        }
    }

    private static void WriteHead(HtmlWriter w, RunTable table)
    {
        using (w.Tag("thead"))
        using (w.Tag("tr"))
        {
            using (w.Tag("th", ("scope", "col")))
            {
                w.Element("span", "Compare", ("class", "muted"));
            }

            SortHeader(w, table, "Run", "attributes.run_name", ascendingFirst: true, numeric: false);
            SortHeader(w, table, "Status", "attributes.status", ascendingFirst: true, numeric: false);
            SortHeader(w, table, "Started", "attributes.start_time", ascendingFirst: false, numeric: false);
            w.Element("th", "Duration", ("scope", "col"), ("class", "num"));
            foreach (var metric in table.MetricColumns)
            {
                SortHeader(w, table, metric, "metrics.`" + metric + "`", ascendingFirst: false, numeric: true);
            }

            foreach (var param in table.ParamColumns)
            {
                SortHeader(w, table, param, "params.`" + param + "`", ascendingFirst: true, numeric: false);
            }
        }
    }

    /// <summary>A header that links to the same table sorted by its column, flipping the direction when it is already sorted by it.</summary>
    private static void SortHeader(HtmlWriter w, RunTable table, string title, string key, bool ascendingFirst, bool numeric)
    {
        var current = table.Order.StartsWith(key + " ", StringComparison.OrdinalIgnoreCase) || table.Order.Equals(key, StringComparison.OrdinalIgnoreCase)
            ? (table.Order.EndsWith(" DESC", StringComparison.OrdinalIgnoreCase) ? "descending" : "ascending")
            : null;
        var next = current switch
        {
            "descending" => key + " ASC",
            "ascending" => key + " DESC",
            _ => key + (ascendingFirst ? " ASC" : " DESC"),
        };
        using (w.Tag("th", ("scope", "col"), ("aria-sort", current), ("class", numeric ? "num" : null)))
        {
            w.Link(RunLinks.Table(table.ExperimentId, table.Filter, next, 1, table.PageSize), title + (current == "descending" ? " ▼" : current == "ascending" ? " ▲" : string.Empty),
                ("title", $"Sort by {title}"));
        }
    }

    private static void WriteBody(HtmlWriter w, RunTable table)
    {
        using (w.Tag("tbody"))
        {
            if (table.Runs.Count == 0)
            {
                using (w.Tag("tr"))
                {
                    w.Element("td", table.Filter is null ? "No runs in this experiment yet." : "No run matches this filter.", ("colspan", (5 + table.MetricColumns.Count + table.ParamColumns.Count).ToString(CultureInfo.InvariantCulture)));
                }
            }

            foreach (var run in table.Runs)
            {
                using (w.Tag("tr"))
                {
                    using (w.Tag("td"))
                    {
                        w.Void("input", ("type", "checkbox"), ("name", "runs"), ("value", run.RunId), ("aria-label", "Compare " + Name(run)));
                    }

                    using (w.Tag("td"))
                    {
                        w.Link(RunLinks.Run(run.RunId), Name(run));
                    }

                    using (w.Tag("td"))
                    {
                        SignalStyle.Pill(w, StatusSignal(run.Status), run.Status.ToLowerInvariant());
                    }

                    w.Element("td", DashboardFormat.Millis(run.StartTime));
                    w.Element("td", Duration(run), ("class", "num"));
                    foreach (var metric in table.MetricColumns)
                    {
                        w.Element("td", run.Metrics.TryGetValue(metric, out var value) ? DashboardFormat.Number(value) : "—", ("class", "num"));
                    }

                    foreach (var param in table.ParamColumns)
                    {
                        w.Element("td", run.Params.TryGetValue(param, out var value) ? DashboardErrors.Excerpt(value, 40) : "—");
                    }
                }
            }
        }
    }

    private static void WritePager(HtmlWriter w, RunTable table)
    {
        if (table.Page > 2)
        {
            w.Link(RunLinks.Table(table.ExperimentId, table.Filter, table.Order, 1, table.PageSize), "« First", ("class", "button secondary"));
        }

        if (table.Page > 1)
        {
            w.Link(RunLinks.Table(table.ExperimentId, table.Filter, table.Order, table.Page - 1, table.PageSize), "← Previous", ("rel", "prev"), ("class", "button secondary"));
        }

        w.Element("span", $"Page {table.Page:N0}", ("class", "muted"));
        if (table.HasNextPage)
        {
            // In the default order the next page is sought from this page's last run (fast at any depth); else by offset.
            w.Link(RunLinks.Table(table.ExperimentId, table.Filter, table.Order, table.Page + 1, table.PageSize, after: table.NextAfter), "Next →", ("rel", "next"), ("class", "button secondary"));
        }
    }

    public static string Name(RunRow run) => string.IsNullOrEmpty(run.RunName) ? run.RunId : run.RunName;

    public static Signal StatusSignal(string status) => status switch
    {
        "FINISHED" => Signal.Green,
        "RUNNING" or "SCHEDULED" => Signal.Amber,
        "FAILED" or "KILLED" => Signal.Red,
        _ => Signal.Grey,
    };

    public static string Duration(RunRow run)
    {
        if (run.EndTime is not { } end || end < run.StartTime)
        {
            return "—";
        }

        var span = TimeSpan.FromMilliseconds(end - run.StartTime);
        return span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.0} s" : span.TotalMinutes < 60 ? $"{span.TotalMinutes:0.0} min" : $"{span.TotalHours:0.0} h";
    }
}
