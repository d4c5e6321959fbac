using System.Globalization;
using System.Net;
using System.Text;
using ChurnOps.Core.Monitoring.Estimation;
using ChurnOps.Platform.Monitoring.Drift;
using ChurnOps.Platform.Monitoring.Labels;
using ChurnOps.Storage.Files;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// The live monitoring report (`churnops monitor report --html`) as one self-contained HTML file: per model version,
/// performance over time — CBPE's estimate with its band next to the realised value once labels arrived, one inline
/// SVG chart per metric with labelled axes, the reference value and the gate — and the table of the same series, then
/// the newest window's drift table and distributions. Nothing is fetched: it opens offline.
/// </summary>
public static class MonitoringHtmlReport
{
    private const int Width = 560;
    private const int Height = 230;
    private const int Left = 52;
    private const int Right = 16;
    private const int Top = 14;
    private const int Bottom = 52;
    private const string EstimatedColour = "#4C78A8";
    private const string BandColour = "#9ecae9";
    private const string RealisedColour = "#F58518";
    private const string GateColour = "#b00020";

    private static readonly (string Metric, string Title, string Gate)[] Metrics =
    [
        ("roc_auc", "ROC AUC", "min_auc"),
        ("precision", "Precision", "min_precision"),
        ("recall", "Recall", "min_recall"),
    ];

    /// <summary>Writes the report whole or not at all (temporary file, then rename).</summary>
    public static Task WriteAsync(string path, MonitorRunResult result, TimeSpan window, IReadOnlyDictionary<string, double> gates, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var html = Render(result, window, gates, generatedAt);
        return AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            var bytes = Encoding.UTF8.GetBytes(html);
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public static string Render(MonitorRunResult result, TimeSpan window, IReadOnlyDictionary<string, double> gates, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(gates);
        var html = new StringBuilder(128 * 1024);
        DriftHtmlReport.AppendHead(html, $"Monitoring report: {result.Model}");
        var start = result.Arms.SelectMany(a => a.Timeline).Select(p => p.From).DefaultIfEmpty(result.From).Min();
        html.Append("<h1>Monitoring report: ").Append(Encode(result.Model)).Append("</h1>\n<p><small>")
            .Append(Invariant($"{start:yyyy-MM-dd HH:mm}Z to {result.To:yyyy-MM-dd HH:mm}Z in windows of {MonitoringWindow.Format(window)} · generated {generatedAt:yyyy-MM-dd HH:mm:ss}Z"))
            .Append("</small></p>\n");
        foreach (var arm in result.Arms)
        {
            html.Append("<h2>").Append(Encode(result.Model)).Append(Invariant($" v{arm.ModelVersion}</h2>\n<p>{arm.Predictions:N0} predictions</p>\n"));
            AppendPerformance(html, arm, gates);
            html.Append("<h3>Drift in the newest window</h3>\n");
            if (arm.Drift is { } drift)
            {
                html.Append("<p>").Append(drift.DatasetDrift ? "<span class=\"drift\">dataset drift detected</span>" : "<span class=\"ok\">no dataset drift</span>")
                    .Append(Invariant($": {drift.DriftedFeatureColumns} of {drift.FeatureColumns} input columns drifted from the training set ({drift.ReferenceRows:N0} reference rows, {drift.CurrentRows:N0} current).</p>\n"));
                DriftHtmlReport.AppendColumns(html, drift);
            }
            else
            {
                html.Append("<p><small>no drift report for this version</small></p>\n");
            }

            foreach (var note in arm.Notes)
            {
                html.Append("<p class=\"warn\">").Append(Encode(note)).Append("</p>\n");
            }
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendPerformance(StringBuilder html, ArmReport arm, IReadOnlyDictionary<string, double> gates)
    {
        html.Append("<h3>Performance over time</h3>\n");
        if (arm.Timeline.Count == 0)
        {
            html.Append("<p><small>no performance series for this version</small></p>\n");
            return;
        }

        html.Append("<p class=\"legend\"><span style=\"background:").Append(BandColour).Append("\"></span>estimated band (CBPE)")
            .Append("<span style=\"background:").Append(EstimatedColour).Append("\"></span>estimated")
            .Append("<span style=\"background:").Append(RealisedColour).Append("\"></span>realised (labelled)")
            .Append("<span style=\"background:#888\"></span>reference")
            .Append("<span style=\"background:").Append(GateColour).Append("\"></span>gate</p>\n");
        foreach (var (metric, title, gate) in Metrics)
        {
            html.Append("<div class=\"col\"><strong>").Append(title).Append("</strong><br>");
            AppendChart(html, arm.Timeline, metric, title, gates.TryGetValue(gate, out var minimum) ? minimum : null);
            html.Append("</div>\n");
        }

        html.Append("<table><thead><tr><th>window</th><th>predictions</th><th>labelled</th>");
        foreach (var (_, title, _) in Metrics)
        {
            html.Append("<th>").Append(title).Append(" estimated [band]</th><th>").Append(title).Append(" realised</th>");
        }

        html.Append("<th>note</th></tr></thead><tbody>\n");
        foreach (var point in arm.Timeline)
        {
            html.Append("<tr><td>").Append(Invariant($"{point.From:yyyy-MM-dd HH:mm} – {point.To:yyyy-MM-dd HH:mm}")).Append("</td>")
                .Append(Invariant($"<td>{point.Predictions:N0}</td><td>{point.Realised?.Labelled ?? 0:N0}</td>"));
            foreach (var (metric, _, _) in Metrics)
            {
                var estimated = Estimated(point.Estimated, metric);
                html.Append("<td>").Append(estimated is { } e ? Invariant($"{e.Value:0.###} [{e.Lower:0.###}, {e.Upper:0.###}]") : "—").Append("</td>")
                    .Append("<td>").Append(Realised(point.Realised, metric) is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "—").Append("</td>");
            }

            html.Append("<td><small>").Append(Encode(point.Note ?? string.Empty)).Append("</small></td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    /// <summary>
    /// One metric over the windows: x = the window's end (UTC), y = the metric on [0, 1]; the band as a shaded area, the
    /// estimate as a line with points, realised values as points joined where consecutive, the reference and the gate as
    /// dashed lines. Every point carries its figures as a tooltip.
    /// </summary>
    private static void AppendChart(StringBuilder html, IReadOnlyList<PerformancePoint> points, string metric, string title, double? gate)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = (double)plotWidth / points.Count;
        double X(int i) => Left + (slot * (i + 0.5));
        double Y(double value) => Top + ((1 - Math.Clamp(value, 0, 1)) * plotHeight);

        html.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{title} over time\">"));

        // Axes, the y grid and its labels.
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            html.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Y(tick):0.##}\" x2=\"{Width - Right}\" y2=\"{Y(tick):0.##}\" stroke=\"#eee\"/>"))
                .Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 3:0.##}\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">{tick:0.##}</text>"));
        }

        html.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#999\"/>"))
            .Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" stroke=\"#999\"/>"))
            .Append(Invariant($"<text x=\"12\" y=\"{Top + (plotHeight / 2.0):0.##}\" font-size=\"11\" fill=\"#333\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Top + (plotHeight / 2.0):0.##})\">{title}</text>"))
            .Append(Invariant($"<text x=\"{Left + (plotWidth / 2.0):0.##}\" y=\"{Height - 6}\" font-size=\"11\" fill=\"#333\" text-anchor=\"middle\">window end (UTC)</text>"));

        // x labels: every window when they fit, else about eight of them.
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 8.0));
        var sameDay = points.All(p => p.To.UtcDateTime.TimeOfDay == TimeSpan.Zero);
        for (var i = 0; i < points.Count; i++)
        {
            if ((points.Count - 1 - i) % every == 0)
            {
                var label = points[i].To.UtcDateTime.ToString(sameDay ? "MM-dd" : "MM-dd HH:mm", CultureInfo.InvariantCulture);
                html.Append(Invariant($"<line x1=\"{X(i):0.##}\" y1=\"{Top + plotHeight}\" x2=\"{X(i):0.##}\" y2=\"{Top + plotHeight + 4}\" stroke=\"#999\"/>"))
                    .Append(Invariant($"<text x=\"{X(i):0.##}\" y=\"{Top + plotHeight + 16}\" font-size=\"10\" fill=\"#555\" text-anchor=\"middle\">{label}</text>"));
            }
        }

        var estimates = points.Select(p => Estimated(p.Estimated, metric)).ToList();
        var reference = estimates.FirstOrDefault(e => e is not null)?.ReferenceValue;
        if (reference is { } r && double.IsFinite(r))
        {
            html.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Y(r):0.##}\" x2=\"{Width - Right}\" y2=\"{Y(r):0.##}\" stroke=\"#888\" stroke-dasharray=\"2 3\"><title>reference {r:0.###}</title></line>"));
        }

        if (gate is { } g)
        {
            html.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Y(g):0.##}\" x2=\"{Width - Right}\" y2=\"{Y(g):0.##}\" stroke=\"{GateColour}\" stroke-dasharray=\"6 3\"><title>gate {g:0.###}</title></line>"));
        }

        // The band and the estimate, one stretch per run of windows that have an estimate.
        foreach (var run in Runs(points.Count, i => estimates[i] is { } e && double.IsFinite(e.Value) && double.IsFinite(e.Lower) && double.IsFinite(e.Upper)))
        {
            var upper = run.Select(i => Invariant($"{X(i):0.##},{Y(estimates[i]!.Upper):0.##}"));
            var lower = run.AsEnumerable().Reverse().Select(i => Invariant($"{X(i):0.##},{Y(estimates[i]!.Lower):0.##}"));
            if (run.Count == 1)
            {
                var i = run[0];
                html.Append(Invariant($"<rect x=\"{X(i) - 6:0.##}\" y=\"{Y(estimates[i]!.Upper):0.##}\" width=\"12\" height=\"{Y(estimates[i]!.Lower) - Y(estimates[i]!.Upper):0.##}\" fill=\"{BandColour}\" fill-opacity=\"0.6\"/>"));
            }
            else
            {
                html.Append("<polygon points=\"").Append(string.Join(' ', upper.Concat(lower))).Append(Invariant($"\" fill=\"{BandColour}\" fill-opacity=\"0.6\"/>"))
                    .Append("<polyline points=\"").Append(string.Join(' ', run.Select(i => Invariant($"{X(i):0.##},{Y(estimates[i]!.Value):0.##}"))))
                    .Append(Invariant($"\" fill=\"none\" stroke=\"{EstimatedColour}\" stroke-width=\"2\"/>"));
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (estimates[i] is { } e && double.IsFinite(e.Value))
            {
                html.Append(Invariant($"<circle cx=\"{X(i):0.##}\" cy=\"{Y(e.Value):0.##}\" r=\"3\" fill=\"{EstimatedColour}\"><title>{points[i].To:yyyy-MM-dd HH:mm}Z estimated {e.Value:0.###} [{e.Lower:0.###}, {e.Upper:0.###}] from {points[i].Predictions:N0} predictions</title></circle>"));
            }
        }

        var realised = points.Select(p => Realised(p.Realised, metric)).ToList();
        foreach (var run in Runs(points.Count, i => realised[i] is { } v && double.IsFinite(v)).Where(run => run.Count > 1))
        {
            html.Append("<polyline points=\"").Append(string.Join(' ', run.Select(i => Invariant($"{X(i):0.##},{Y(realised[i]!.Value):0.##}"))))
                .Append(Invariant($"\" fill=\"none\" stroke=\"{RealisedColour}\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/>"));
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (realised[i] is { } v && double.IsFinite(v))
            {
                html.Append(Invariant($"<rect x=\"{X(i) - 3.5:0.##}\" y=\"{Y(v) - 3.5:0.##}\" width=\"7\" height=\"7\" fill=\"{RealisedColour}\"><title>{points[i].To:yyyy-MM-dd HH:mm}Z realised {v:0.###} from {points[i].Realised!.Labelled:N0} labelled predictions</title></rect>"));
            }
        }

        html.Append("</svg>");
    }

    /// <summary>Consecutive indices whose value is present: each becomes one stretch of line.</summary>
    private static List<List<int>> Runs(int count, Func<int, bool> present)
    {
        var runs = new List<List<int>>();
        List<int>? current = null;
        for (var i = 0; i < count; i++)
        {
            if (!present(i))
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                runs.Add(current);
            }

            current.Add(i);
        }

        return runs;
    }

    private static EstimatedMetric? Estimated(CbpeEstimate? estimate, string metric) =>
        estimate?.Metrics.FirstOrDefault(m => string.Equals(m.Name, metric, StringComparison.OrdinalIgnoreCase));

    private static double? Realised(RealisedWindow? window, string metric) => metric switch
    {
        "roc_auc" => window?.Auc,
        "precision" => window?.Precision,
        _ => window?.Recall,
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
