using System.Globalization;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>The parts every chart shares: the svg element with its accessible name, title, axes with labels and grid.</summary>
internal static class ChartFrame
{
    public const double Width = 640;
    public const double Height = 300;
    public const double Left = 64;
    public const double Right = 16;
    public const double Top = 30;
    public const double Bottom = 52;

    public static TagScope Open(HtmlWriter w, string title, string description, string cssClass = "chart")
    {
        var scope = w.Tag("svg", ("class", cssClass), ("viewBox", $"0 0 {N(Width)} {N(Height)}"), ("role", "img"), ("aria-label", title + ". " + description), ("xmlns", "http://www.w3.org/2000/svg"));
        w.Element("title", title + ". " + description);
        w.Element("text", title, ("class", "title"), ("x", N(Left)), ("y", "18"));
        return scope;
    }

    /// <summary>Horizontal grid lines and value ticks on the y axis, the axis lines, and both axis labels.</summary>
    public static void Axes(HtmlWriter w, ChartScale y, string xLabel, string yLabel)
    {
        foreach (var tick in y.Ticks())
        {
            var py = N(y.Map(tick));
            w.Void("line", ("class", "gridline"), ("x1", N(Left)), ("x2", N(Width - Right)), ("y1", py), ("y2", py));
            w.Element("text", ChartScale.Format(tick), ("class", "tick"), ("x", N(Left - 6)), ("y", py), ("text-anchor", "end"), ("dominant-baseline", "middle"));
        }

        w.Void("line", ("class", "axis"), ("x1", N(Left)), ("x2", N(Left)), ("y1", N(Top)), ("y2", N(Height - Bottom)));
        w.Void("line", ("class", "axis"), ("x1", N(Left)), ("x2", N(Width - Right)), ("y1", N(Height - Bottom)), ("y2", N(Height - Bottom)));
        w.Element("text", xLabel, ("x", N(Left + ((Width - Left - Right) / 2))), ("y", N(Height - 8)), ("text-anchor", "middle"));
        w.Element("text", yLabel, ("x", "12"), ("y", N(Top + ((Height - Top - Bottom) / 2))), ("text-anchor", "middle"), ("transform", $"rotate(-90 12 {N(Top + ((Height - Top - Bottom) / 2))})"));
    }

    /// <summary>A legend as an HTML list under the chart (wraps on a phone, read by screen readers).</summary>
    public static void Legend(HtmlWriter w, IReadOnlyList<string> names)
    {
        if (names.Count < 2)
        {
            return;
        }

        using (w.Tag("ul", ("class", "legend")))
        {
            for (var i = 0; i < names.Count; i++)
            {
                using (w.Tag("li"))
                {
                    w.Element("span", null, ("class", "swatch c" + ((i % 5) + 1).ToString(CultureInfo.InvariantCulture)), ("aria-hidden", "true"));
                    w.Text(names[i]);
                }
            }
        }
    }

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A category label cut to fit under its bar.</summary>
    public static string Fit(string label, double pixels)
    {
        var chars = Math.Max(3, (int)(pixels / 6.2));
        return label.Length <= chars ? label : label[..(chars - 1)] + "…";
    }
}
