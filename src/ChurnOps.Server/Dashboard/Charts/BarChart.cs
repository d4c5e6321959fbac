using System.Globalization;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>
/// Bars per category, one to five series side by side (a histogram is a bar chart whose categories are bins), with a
/// value axis from zero, labelled axes and a legend; every bar carries its exact value as a tooltip.
/// </summary>
internal static class BarChart
{
    public static void Write(HtmlWriter w, string title, string xLabel, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var plotWidth = ChartFrame.Width - ChartFrame.Left - ChartFrame.Right;
        var y = ChartScale.For(series.SelectMany(s => s.Values), ChartFrame.Height - ChartFrame.Bottom, ChartFrame.Top, includeZero: true);
        var slot = categories.Count == 0 ? plotWidth : plotWidth / categories.Count;
        var barWidth = Math.Max(1, (slot * 0.8) / Math.Max(1, series.Count));
        // Room for about 9 characters per label; every n-th category is labelled so labels never touch.
        var widest = categories.Count == 0 ? 1 : Math.Min(14, categories.Max(c => c.Length));
        var labelEvery = Math.Max(1, (int)Math.Ceiling(categories.Count / (plotWidth / Math.Max(40, (widest * 6.5) + 10))));
        using (ChartFrame.Open(w, title, $"{yLabel} by {xLabel}, {categories.Count} categories"))
        {
            ChartFrame.Axes(w, y, xLabel, yLabel);
            for (var c = 0; c < categories.Count; c++)
            {
                var slotLeft = ChartFrame.Left + (c * slot) + (slot * 0.1);
                for (var s = 0; s < series.Count; s++)
                {
                    var value = c < series[s].Values.Count ? series[s].Values[c] : double.NaN;
                    if (!double.IsFinite(value))
                    {
                        continue;
                    }

                    var top = y.Map(Math.Max(0, value));
                    var bottom = y.Map(Math.Min(0, value));
                    using (w.Tag("rect", ("class", "bar c" + ((s % 5) + 1).ToString(CultureInfo.InvariantCulture)), ("x", ChartFrame.N(slotLeft + (s * barWidth))), ("y", ChartFrame.N(top)), ("width", ChartFrame.N(barWidth)), ("height", ChartFrame.N(Math.Max(0.5, bottom - top)))))
                    {
                        w.Element("title", $"{series[s].Name}: {categories[c]} = {ChartScale.Format(value)}");
                    }
                }

                if (c % labelEvery == 0)
                {
                    w.Element("text", ChartFrame.Fit(categories[c], (slot * labelEvery) - 10), ("class", "tick"), ("x", ChartFrame.N(ChartFrame.Left + (c * slot) + (slot / 2))), ("y", ChartFrame.N(ChartFrame.Height - ChartFrame.Bottom + 14)), ("text-anchor", "middle"));
                }
            }
        }

        ChartFrame.Legend(w, [.. series.Select(s => s.Name)]);
    }
}
