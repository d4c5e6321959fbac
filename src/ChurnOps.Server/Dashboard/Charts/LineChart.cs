using System.Globalization;
using System.Text;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>
/// Lines over a numeric x (steps, or times as Unix seconds with <c>formatX</c>), with dots, an optional band per series,
/// labelled axes and a legend. Each dot's tooltip gives its exact values.
/// </summary>
internal static class LineChart
{
    public static void Write(HtmlWriter w, string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series, Func<double, string>? formatX = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(series);
        formatX ??= ChartScale.Format;
        var points = series.SelectMany(s => s.Points).ToList();
        var x = ChartScale.For(points.Select(p => p.X), ChartFrame.Left, ChartFrame.Width - ChartFrame.Right, includeZero: false, ticks: 6);
        var y = ChartScale.For(points.SelectMany(p => new[] { p.Y, p.Low ?? p.Y, p.High ?? p.Y }), ChartFrame.Height - ChartFrame.Bottom, ChartFrame.Top, includeZero: false);
        using (ChartFrame.Open(w, title, $"{yLabel} over {xLabel}, {series.Count} series"))
        {
            ChartFrame.Axes(w, y, xLabel, yLabel);
            foreach (var tick in x.Ticks())
            {
                w.Element("text", formatX(tick), ("class", "tick"), ("x", ChartFrame.N(x.Map(tick))), ("y", ChartFrame.N(ChartFrame.Height - ChartFrame.Bottom + 14)), ("text-anchor", "middle"));
            }

            for (var s = 0; s < series.Count; s++)
            {
                var colour = "c" + ((s % 5) + 1).ToString(CultureInfo.InvariantCulture);
                var line = series[s].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
                var banded = line.Where(p => p.Low is not null && p.High is not null).ToList();
                if (banded.Count > 1)
                {
                    var band = new StringBuilder();
                    foreach (var p in banded)
                    {
                        band.Append(ChartFrame.N(x.Map(p.X))).Append(',').Append(ChartFrame.N(y.Map(p.High!.Value))).Append(' ');
                    }

                    for (var i = banded.Count - 1; i >= 0; i--)
                    {
                        band.Append(ChartFrame.N(x.Map(banded[i].X))).Append(',').Append(ChartFrame.N(y.Map(banded[i].Low!.Value))).Append(' ');
                    }

                    w.Void("polygon", ("class", "band"), ("points", band.ToString().TrimEnd()));
                }

                if (line.Count > 1)
                {
                    w.Void("polyline", ("class", "series " + colour), ("points", string.Join(' ', line.Select(p => ChartFrame.N(x.Map(p.X)) + "," + ChartFrame.N(y.Map(p.Y))))));
                }

                foreach (var p in line.Count <= 200 ? line : [])
                {
                    using (w.Tag("circle", ("class", "dot " + colour), ("cx", ChartFrame.N(x.Map(p.X))), ("cy", ChartFrame.N(y.Map(p.Y))), ("r", "3")))
                    {
                        var band = p.Low is not null && p.High is not null ? $" [{ChartScale.Format(p.Low.Value)}, {ChartScale.Format(p.High.Value)}]" : string.Empty;
                        w.Element("title", $"{series[s].Name}: {xLabel} {formatX(p.X)}, {yLabel} {ChartScale.Format(p.Y)}{band}");
                    }
                }
            }
        }

        ChartFrame.Legend(w, [.. series.Select(s => s.Name)]);
    }
}
