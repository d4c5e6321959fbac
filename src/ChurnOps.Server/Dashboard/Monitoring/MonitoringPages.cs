using System.Globalization;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Models;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Monitoring;

/// <summary>
/// /ui/monitoring?model=&amp;window=&amp;windows= (twin /api/v1/monitoring/{model}): per version, drift per column with the
/// reference and current histograms side by side, and the CBPE estimate against the realised performance over time.
/// </summary>
internal static class MonitoringPages
{
    public static void Map(IEndpointRouteBuilder ui) => ui.MapGet("/monitoring", RenderAsync);

    private static async Task<DashboardPageResult> RenderAsync(string? model, string? window, string? windows, MonitoringReader reader, CancellationToken ct)
    {
        int? count = null;
        if (!string.IsNullOrWhiteSpace(windows))
        {
            if (!int.TryParse(windows, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return DashboardErrors.BadRequest("Bad query", $"windows: '{DashboardErrors.Excerpt(windows)}' is not a whole number.", DashboardSection.Monitoring);
            }

            count = parsed;
        }

        var (page, error) = await reader.ReadAsync(model, window, count, ct).ConfigureAwait(false);
        if (page is null)
        {
            return DashboardErrors.BadRequest("Bad query", DashboardErrors.Excerpt(error, 300), DashboardSection.Monitoring);
        }

        if (page.Message is { } message && message.StartsWith("no registered model", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(model))
        {
            return DashboardErrors.NotFound("Model not found", DashboardErrors.Excerpt(message, 300) + ".", DashboardSection.Monitoring);
        }

        var twin = $"/api/v1/monitoring/{Uri.EscapeDataString(page.Model)}?window={Uri.EscapeDataString(page.Window)}&windows={page.Windows.ToString(CultureInfo.InvariantCulture)}";
        return new DashboardPageResult(new DashboardPage("Monitoring · " + page.Model, DashboardSection.Monitoring, twin, w => Write(w, page)));
    }

    private static void Write(HtmlWriter w, MonitoringPageModel page)
    {
        using (w.Tag("form", ("class", "filter"), ("method", "get"), ("action", DashboardSection.Monitoring.Path)))
        {
            Input(w, "model", "Model", page.Model);
            Input(w, "window", "Window (30m, 12h, 1d, 1w)", page.Window);
            Input(w, "windows", "Windows back", page.Windows.ToString(CultureInfo.InvariantCulture));
            w.Element("button", "Show", ("type", "submit"));
        }

        using (w.Tag("p", ("class", "muted")))
        {
            w.Text($"Predictions logged between ");
            DashboardFormat.Time(w, page.From);
            w.Text(" and ");
            DashboardFormat.Time(w, page.To);
            w.Text($", in windows of {page.Window}. Drift compares the latest window with the training set each version was trained on; nothing here raises an alert (");
            w.Element("code", "churnops monitor run", ("class", "mono"));
            w.Text(" does).");
        }

        if (page.Message is { } message)
        {
            OperationsHtml.Nothing(w, message + ".", $"churnops score -m {page.Model} -i rows.csv -o scores.csv --log");
            return;
        }

        foreach (var version in page.Versions)
        {
            WriteVersion(w, page, version);
        }
    }

    private static void WriteVersion(HtmlWriter w, MonitoringPageModel page, MonitoredVersion version)
    {
        var label = $"{page.Model} v{version.Version.ToString(CultureInfo.InvariantCulture)}";
        var anchor = "v" + version.Version.ToString(CultureInfo.InvariantCulture);
        using (w.Tag("section", ("aria-labelledby", anchor)))
        {
            using (w.Tag("h2", ("id", anchor)))
            {
                w.Link(ModelPages.Path(page.Model, version.Version), label);
                w.Text($" · {DashboardFormat.Count(version.Predictions)} predictions");
            }

            foreach (var note in version.Notes)
            {
                w.Element("p", note, ("class", "notice"));
            }

            WritePerformance(w, label, version.Performance);
            if (version.Drift is { } drift)
            {
                WriteDrift(w, label, page.Window, drift);
            }
        }
    }

    private static void WritePerformance(HtmlWriter w, string label, IReadOnlyList<PerformancePoint> points)
    {
        w.Element("h3", "Estimated and realised performance");
        // x is the window's position (0 = oldest), labelled with its end date: the axis stays readable with one point.
        var index = points.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => (double)t.i);
        string Day(double x) => Math.Abs(x - Math.Round(x)) < 1e-9 && (int)Math.Round(x) is var i && i >= 0 && i < points.Count
            ? points[i].To.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)
            : string.Empty;
        List<LinePoint> Line(Func<PerformancePoint, double?> value, bool band = false) =>
            [.. points.Where(p => value(p) is not null).Select(p => new LinePoint(index[p], value(p)!.Value, band ? p.EstimatedAucLower : null, band ? p.EstimatedAucUpper : null))];

        if (points.All(p => p.EstimatedAuc is null && p.RealisedAuc is null && p.EstimatedPrecision is null && p.RealisedPrecision is null))
        {
            w.Element("p", "No estimate or realised figure in these windows yet.", ("class", "muted"));
        }
        else
        {
            using (w.Tag("div", ("class", "grid")))
            {
                using (w.Tag("figure"))
                {
                    LineChart.Write(w, $"ROC AUC of {label}", "window end (UTC)", "ROC AUC",
                        [new LineSeries("estimated (CBPE, with band)", Line(p => p.EstimatedAuc, band: true)), new LineSeries("realised (labels)", Line(p => p.RealisedAuc))], Day);
                }

                using (w.Tag("figure"))
                {
                    LineChart.Write(w, $"Precision and recall of {label}", "window end (UTC)", "value",
                        [new LineSeries("estimated precision", Line(p => p.EstimatedPrecision)), new LineSeries("realised precision", Line(p => p.RealisedPrecision)),
                         new LineSeries("estimated recall", Line(p => p.EstimatedRecall)), new LineSeries("realised recall", Line(p => p.RealisedRecall))], Day);
                }
            }
        }

        string[] numeric = ["Predictions", "Labelled", "Est. AUC", "Real AUC", "Est. precision", "Real precision", "Est. recall", "Real recall"];
        using (OperationsHtml.Table(w, "Window by window; realised figures appear once labels arrive.", ["Window ending", .. numeric], numeric.ToHashSet()))
        {
            foreach (var p in points)
            {
                using (w.Tag("tr"))
                {
                    using (w.Tag("th", ("scope", "row")))
                    {
                        DashboardFormat.Time(w, p.To);
                    }

                    OperationsHtml.Cell(w, DashboardFormat.Count(p.Predictions), numeric: true);
                    OperationsHtml.Cell(w, DashboardFormat.Count(p.Labelled), numeric: true);
                    foreach (var value in new[] { p.EstimatedAuc, p.RealisedAuc, p.EstimatedPrecision, p.RealisedPrecision, p.EstimatedRecall, p.RealisedRecall })
                    {
                        OperationsHtml.Cell(w, DashboardFormat.Number(value), numeric: true);
                    }
                }
            }
        }
    }

    private static void WriteDrift(HtmlWriter w, string label, string window, DriftReport drift)
    {
        w.Element("h3", $"Drift in the latest {window}");
        using (w.Tag("div", ("class", "cards")))
        {
            OperationsHtml.Card(w, "input columns drifted", $"{drift.DriftedFeatureColumns.ToString(CultureInfo.InvariantCulture)} of {drift.FeatureColumns.ToString(CultureInfo.InvariantCulture)}");
            using (w.Tag("div", ("class", "card")))
            {
                using (w.Tag("div", ("class", "value")))
                {
                    OperationsHtml.Pill(w, drift.DatasetDrift ? "dataset drift" : "no dataset drift", drift.DatasetDrift ? "bad" : "ok");
                }

                w.Element("div", $"at a share of {drift.DatasetDriftShare.ToString("0.##", CultureInfo.InvariantCulture)}", ("class", "label"));
            }

            OperationsHtml.Card(w, "reference rows (training set)", DashboardFormat.Count(drift.ReferenceRows));
            OperationsHtml.Card(w, "current rows", DashboardFormat.Count(drift.CurrentRows));
        }

        string[] numeric = ["Statistic", "p-value / distance", "Threshold", "Reference n", "Current n"];
        using (OperationsHtml.Table(w, "Each column's test (Evidently's defaults unless monitoring.drift says otherwise) and why it was chosen.", ["Column", "Test", .. numeric, "Drift", "Note"], numeric.ToHashSet()))
        {
            foreach (var c in drift.Columns)
            {
                using (w.Tag("tr"))
                {
                    using (w.Tag("th", ("scope", "row")))
                    {
                        w.Link("#hist-" + Anchor(c.Column), c.Column);
                    }

                    using (w.Tag("td", ("title", c.TestReason)))
                    {
                        w.Text(DriftTestNames.NameOf(c.Test));
                    }

                    OperationsHtml.Cell(w, DashboardFormat.Number(c.Statistic), numeric: true);
                    OperationsHtml.Cell(w, DashboardFormat.Number(c.Score), numeric: true);
                    OperationsHtml.Cell(w, DashboardFormat.Number(c.Threshold), numeric: true);
                    OperationsHtml.Cell(w, DashboardFormat.Count(c.ReferenceCount), numeric: true);
                    OperationsHtml.Cell(w, DashboardFormat.Count(c.CurrentCount), numeric: true);
                    using (w.Tag("td"))
                    {
                        OperationsHtml.Pill(w, c.Error is not null ? "error" : c.Drifted ? "drift" : "ok", c.Error is not null ? "neutral" : c.Drifted ? "bad" : "ok");
                    }

                    OperationsHtml.Cell(w, Note(c));
                }
            }
        }

        w.Element("p", "Reference (training set) and current histograms per column, as shares of each side's rows; drifted columns and the prediction are open.", ("class", "muted"));
        foreach (var c in drift.Columns.Where(c => c.Histogram is not null))
        {
            var histogram = c.Histogram!;
            using (w.Tag("details", ("id", "hist-" + Anchor(c.Column)), ("open", c.Drifted || c.Role == DriftColumnRole.Prediction ? string.Empty : null)))
            {
                w.Element("summary", $"{c.Column}: {(c.Drifted ? "drifted" : "no drift")} ({DriftTestNames.NameOf(c.Test)} {DashboardFormat.Number(c.Score)}, threshold {DashboardFormat.Number(c.Threshold)})");
                using (w.Tag("figure"))
                {
                    BarChart.Write(w, $"{c.Column}: reference vs current", c.Kind == DriftColumnKind.Numeric ? "value (bin start)" : "category", "share of rows (%)",
                        Categories(histogram), [new BarSeries("reference (training set)", Shares(histogram.ReferenceCounts)), new BarSeries($"current ({label})", Shares(histogram.CurrentCounts))]);
                }
            }
        }
    }

    private static IReadOnlyList<string> Categories(DriftHistogram histogram)
    {
        if (histogram.Categories is { } categories)
        {
            return categories;
        }

        var edges = histogram.Edges ?? [];
        return Enumerable.Range(0, Math.Max(0, edges.Count - 1)).Select(i => edges[i].ToString("G3", CultureInfo.InvariantCulture)).ToList();
    }

    private static IReadOnlyList<double> Shares(IReadOnlyList<long> counts)
    {
        var total = counts.Sum();
        return counts.Select(c => total == 0 ? 0 : 100.0 * c / total).ToList();
    }

    private static string? Note(ColumnDriftResult c) =>
        c.Error ?? string.Join("; ", new[]
        {
            c.NewCategoryCount > 0 ? "new values: " + string.Join(", ", c.NewCategories) : null,
            c.NullShareRose ? $"nulls {c.ReferenceNullShare.ToString("P1", CultureInfo.InvariantCulture)} → {c.CurrentNullShare.ToString("P1", CultureInfo.InvariantCulture)}" : null,
        }.Where(n => n is not null));

    private static string Anchor(string column) => new(column.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray());

    private static void Input(HtmlWriter w, string name, string label, string value)
    {
        using (w.Tag("label"))
        {
            w.Text(label);
            w.Void("input", ("name", name), ("type", "text"), ("value", value), ("maxlength", "100"));
        }
    }
}
