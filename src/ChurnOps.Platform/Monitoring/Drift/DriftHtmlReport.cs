using System.Globalization;
using System.Net;
using System.Text;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Storage.Files;

namespace ChurnOps.Platform.Monitoring.Drift;

/// <summary>
/// The drift report as one self-contained HTML file: the dataset verdict, the per-column table (test and why,
/// statistic, p-value or distance, threshold, sizes, null shares, new categories) and each column's two distributions
/// side by side as inline SVG. No script, font or image is fetched: it opens offline.
/// </summary>
public static class DriftHtmlReport
{
    private const int ChartWidth = 420;
    private const int ChartHeight = 150;
    private const string ReferenceColour = "#4C78A8";
    private const string CurrentColour = "#F58518";

    /// <summary>Writes the report whole or not at all (temporary file, then rename).</summary>
    public static Task WriteAsync(string path, DriftReport report, string referenceName, string currentName, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var html = Render(report, referenceName, currentName, generatedAt);
        return AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            var bytes = Encoding.UTF8.GetBytes(html);
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public static string Render(DriftReport report, string referenceName, string currentName, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(64 * 1024);
        AppendHead(html, "Drift report");
        html.Append("<h1>Drift report</h1>\n");
        var verdict = report.DatasetDrift ? "<span class=\"drift\">dataset drift detected</span>" : "<span class=\"ok\">no dataset drift</span>";
        html.Append("<p>").Append(verdict).Append(": ")
            .Append(Invariant($"{report.DriftedFeatureColumns} of {report.FeatureColumns} feature columns drifted ({report.DriftShare:P0}; the dataset drifts at {report.DatasetDriftShare:P0})."))
            .Append("</p>\n<p><small>reference: ").Append(Encode(referenceName)).Append(Invariant($" ({report.ReferenceRows:N0} rows) · current: ")).Append(Encode(currentName))
            .Append(Invariant($" ({report.CurrentRows:N0} rows) · generated {generatedAt:yyyy-MM-dd HH:mm:ss}Z")).Append("</small></p>\n");
        AppendColumns(html, report);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>The document's start: charset, title and the one inline style sheet every ChurnOps report uses.</summary>
    internal static void AppendHead(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222}")
            .Append("table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}")
            .Append("th{background:#f4f4f4}.drift{color:#b00020;font-weight:600}.ok{color:#1b7f3b}.warn{color:#a05a00}")
            .Append(".col{display:inline-block;margin:8px 16px 16px 0;vertical-align:top}.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}")
            .Append("small{color:#666}</style></head><body>\n");
    }

    /// <summary>The legend, the per-column table and the distributions (everything after the verdict).</summary>
    internal static void AppendColumns(StringBuilder html, DriftReport report)
    {
        html.Append("<p class=\"legend\"><span style=\"background:").Append(ReferenceColour).Append("\"></span>reference<span style=\"background:")
            .Append(CurrentColour).Append("\"></span>current</p>\n");

        html.Append("<table><thead><tr><th>column</th><th>role</th><th>kind</th><th>test</th><th>why</th><th>statistic</th><th>p-value / distance</th><th>threshold</th><th>drift</th><th>sizes (ref / cur)</th><th>nulls (ref / cur)</th><th>new categories</th></tr></thead><tbody>\n");
        foreach (var c in report.Columns)
        {
            html.Append("<tr><td><a href=\"#col-").Append(Anchor(c.Column)).Append("\">").Append(Encode(c.Column)).Append("</a></td>")
                .Append("<td>").Append(c.Role.ToString().ToLowerInvariant()).Append("</td>")
                .Append("<td>").Append(c.Kind.ToString().ToLowerInvariant()).Append("</td>")
                .Append("<td>").Append(DriftTestNames.NameOf(c.Test)).Append("</td>")
                .Append("<td><small>").Append(Encode(c.TestReason)).Append("</small></td>")
                .Append("<td>").Append(Number(c.Statistic)).Append("</td>")
                .Append("<td>").Append(Number(c.Score)).Append(DriftTestNames.IsPValue(c.Test) ? " <small>p</small>" : string.Empty).Append("</td>")
                .Append("<td>").Append(Number(c.Threshold)).Append("</td>")
                .Append("<td>").Append(c.Error is { } error ? $"<span class=\"warn\">not tested: {Encode(error)}</span>" : c.Drifted ? "<span class=\"drift\">drift</span>" : "<span class=\"ok\">no</span>").Append("</td>")
                .Append(Invariant($"<td>{c.ReferenceCount:N0} / {c.CurrentCount:N0}</td>"))
                .Append(Invariant($"<td>{c.ReferenceNullShare:P1} / {c.CurrentNullShare:P1}")).Append(c.NullShareRose ? " <span class=\"warn\">rose</span>" : string.Empty).Append("</td>")
                .Append("<td>").Append(c.NewCategoryCount == 0 ? string.Empty : $"<span class=\"warn\">{c.NewCategoryCount}</span>: {Encode(string.Join(", ", c.NewCategories))}").Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n<h2>Distributions</h2>\n");
        foreach (var c in report.Columns)
        {
            html.Append("<div class=\"col\" id=\"col-").Append(Anchor(c.Column)).Append("\"><strong>").Append(Encode(c.Column)).Append("</strong> ")
                .Append(c.Drifted ? "<span class=\"drift\">drift</span>" : string.Empty).Append("<br>");
            if (c.Histogram is { } histogram)
            {
                AppendChart(html, histogram);
            }
            else
            {
                html.Append("<small>no histogram</small>");
            }

            html.Append("</div>\n");
        }
    }

    /// <summary>Shares per bin, the reference and current bars side by side in each bin.</summary>
    private static void AppendChart(StringBuilder html, DriftHistogram histogram)
    {
        var bins = histogram.ReferenceCounts.Count;
        var referenceTotal = Math.Max(1, histogram.ReferenceCounts.Sum());
        var currentTotal = Math.Max(1, histogram.CurrentCounts.Sum());
        var shares = Enumerable.Range(0, bins)
            .Select(i => ((double)histogram.ReferenceCounts[i] / referenceTotal, (double)histogram.CurrentCounts[i] / currentTotal)).ToList();
        var max = Math.Max(1e-12, shares.Max(s => Math.Max(s.Item1, s.Item2)));
        const int left = 4;
        const int bottom = 20;
        var plotHeight = ChartHeight - bottom - 4;
        var slot = (double)(ChartWidth - left * 2) / Math.Max(1, bins);
        var bar = Math.Max(1, slot * 0.4);
        html.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" role=\"img\">"));
        html.Append(Invariant($"<line x1=\"{left}\" y1=\"{ChartHeight - bottom}\" x2=\"{ChartWidth - left}\" y2=\"{ChartHeight - bottom}\" stroke=\"#999\"/>"));
        for (var i = 0; i < bins; i++)
        {
            var x = left + i * slot + (slot - 2 * bar) / 2;
            var label = Label(histogram, i);
            AppendBar(html, x, bar, shares[i].Item1 / max * plotHeight, ReferenceColour, $"{label} reference: {histogram.ReferenceCounts[i]:N0} ({shares[i].Item1:P1})");
            AppendBar(html, x + bar, bar, shares[i].Item2 / max * plotHeight, CurrentColour, $"{label} current: {histogram.CurrentCounts[i]:N0} ({shares[i].Item2:P1})");
        }

        var first = Label(histogram, 0);
        var last = Label(histogram, bins - 1);
        html.Append(Invariant($"<text x=\"{left}\" y=\"{ChartHeight - 5}\" font-size=\"10\" fill=\"#555\">{Encode(Cut(first))}</text>"));
        html.Append(Invariant($"<text x=\"{ChartWidth - left}\" y=\"{ChartHeight - 5}\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">{Encode(Cut(last))}</text>"));
        html.Append("</svg>");
    }

    private static void AppendBar(StringBuilder html, double x, double width, double height, string colour, string title)
    {
        var y = ChartHeight - 20 - height;
        html.Append(Invariant($"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\" fill=\"{colour}\"><title>{Encode(title)}</title></rect>"));
    }

    private static string Label(DriftHistogram histogram, int bin) =>
        histogram.Categories is { } categories
            ? categories[bin]
            : Invariant($"[{histogram.Edges![bin]:G6}, {histogram.Edges[bin + 1]:G6}{(bin == histogram.Edges.Count - 2 ? "]" : ")")}");

    private static string Cut(string text) => text.Length > 40 ? text[..39] + "…" : text;

    private static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "—";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Anchor(string column) => Uri.EscapeDataString(column).Replace("%", "_", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
