using System.Text.RegularExpressions;
using ChurnOps.Core.Monitoring.Estimation;
using ChurnOps.Platform.Monitoring.Labels;
using ChurnOps.Platform.Monitoring.Live;

namespace ChurnOps.Platform.Tests.Monitoring.Live;

/// <summary>The performance-over-time section of the monitoring report, rendered from a hand-made series.</summary>
public sealed partial class MonitoringHtmlReportTests
{
    private static readonly DateTimeOffset To = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static CbpeEstimate Estimate(double auc, double lower, double upper) => new(
        500,
        new EstimatedMetric("roc_auc", auc, 0.01, lower, upper, 0.84),
        new EstimatedMetric("precision", 0.5, 0.02, 0.44, 0.56, 0.52),
        new EstimatedMetric("recall", 0.7, 0.02, 0.64, 0.76, 0.79));

    private static MonitorRunResult Result(params PerformancePoint[] timeline) =>
        new(true, null, "churn <b>", To - Day, To, [new ArmReport(3, 1500) { Timeline = timeline }], [], null);

    [GeneratedRegex("<polygon ")]
    private static partial Regex Polygon();

    [Fact]
    public void Render_EstimatesAndLabels_ChartsEachMetricWithLabelledAxesBandEstimateRealisedAndGate()
    {
        var result = Result(
            new PerformancePoint(To - (3 * Day), To - (2 * Day), 500, Estimate(0.83, 0.80, 0.86), new RealisedWindow(3, To - (3 * Day), To - (2 * Day), 500, 400, 120, 0.812, 0.5, 0.7)),
            new PerformancePoint(To - (2 * Day), To - Day, 500, Estimate(0.71, 0.66, 0.76), null),
            new PerformancePoint(To - Day, To, 500, Estimate(0.62, 0.57, 0.67), null));

        var html = MonitoringHtmlReport.Render(result, Day, new Dictionary<string, double> { ["min_auc"] = 0.7 }, To);

        Assert.Contains("<h3>Performance over time</h3>", html, StringComparison.Ordinal);
        foreach (var title in new[] { "ROC AUC", "Precision", "Recall" })
        {
            Assert.Contains($"aria-label=\"{title} over time\"", html, StringComparison.Ordinal);
            Assert.Contains($">{title}</text>", html, StringComparison.Ordinal); // the y axis's label
        }

        Assert.Equal(3, Regex.Count(html, ">window end \\(UTC\\)</text>"));
        Assert.Contains(">11-29</text>", html, StringComparison.Ordinal); // x ticks at each window's end
        Assert.Equal(3, Polygon().Count(html)); // one band per metric over three consecutive estimates
        Assert.Contains("estimated 0.62 [0.57, 0.67] from 500 predictions", html, StringComparison.Ordinal);
        Assert.Contains("realised 0.812 from 400 labelled predictions", html, StringComparison.Ordinal);
        Assert.Contains("<title>gate 0.7</title>", html, StringComparison.Ordinal); // min_auc only: the other metrics have no gate here
        Assert.Single(Regex.Matches(html, "<title>gate "));
        Assert.Contains("<title>reference 0.84</title>", html, StringComparison.Ordinal);
        Assert.Contains("<td>0.62 [0.57, 0.67]</td>", html, StringComparison.Ordinal); // the same series as a table
        Assert.Contains("churn &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("churn <b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WindowWithoutPredictions_BreaksTheLineAndSaysWhy()
    {
        var result = Result(
            new PerformancePoint(To - (3 * Day), To - (2 * Day), 500, Estimate(0.83, 0.80, 0.86), null),
            new PerformancePoint(To - (2 * Day), To - Day, 0, null, null) { Note = "no predictions in this window" },
            new PerformancePoint(To - Day, To, 500, Estimate(0.62, 0.57, 0.67), null));

        var html = MonitoringHtmlReport.Render(result, Day, new Dictionary<string, double>(), To);

        // Two lone estimates: a band mark each, no polygon or line bridging the empty window.
        Assert.Equal(0, Polygon().Count(html));
        Assert.DoesNotContain("<polyline", html, StringComparison.Ordinal);
        Assert.Contains("no predictions in this window", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<title>gate", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoTimeline_SaysSoInsteadOfAnEmptyChart()
    {
        var html = MonitoringHtmlReport.Render(Result(), Day, new Dictionary<string, double>(), To);

        Assert.Contains("no performance series for this version", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }
}
