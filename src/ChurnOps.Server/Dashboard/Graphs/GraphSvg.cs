using System.Globalization;
using System.Text;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>
/// Draws a laid-out graph as inline SVG through the page's <see cref="HtmlWriter"/> (so every text is encoded): arrows
/// first, boxes over them, each box a title and a detail line cut to fit (the whole text in its tooltip) and a link when
/// it has one. Colours come from the stylesheet's chain classes (ok, warn, bad, neutral), so light and dark both apply.
/// </summary>
internal static class GraphSvg
{
    private const double TitleCharWidth = 8.2;
    private const double DetailCharWidth = 7.0;

    public static void Write(HtmlWriter w, GraphLayout layout, string caption, string id)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(layout);
        var slug = Slug(id);
        var marker = "arrow-" + slug;
        using (w.Tag("svg", ("class", "chart chain graph"), ("viewBox", $"0 0 {N(layout.Width)} {N(layout.Height)}"), ("width", N(layout.Width)), ("height", N(layout.Height)),
            ("role", "img"), ("aria-label", caption), ("xmlns", "http://www.w3.org/2000/svg"), ("id", slug)))
        {
            w.Element("title", caption);
            using (w.Tag("defs"))
            using (w.Tag("marker", ("id", marker), ("viewBox", "0 0 10 10"), ("refX", "9"), ("refY", "5"), ("markerWidth", "7"), ("markerHeight", "7"), ("orient", "auto-start-reverse")))
            {
                w.Void("path", ("class", "arrowhead"), ("d", "M0,0 L10,5 L0,10 z"));
            }

            foreach (var edge in layout.Edges)
            {
                w.Void("path", ("class", "arrow"), ("d", Path(edge.Points)), ("marker-end", $"url(#{marker})"));
            }

            foreach (var placed in layout.Nodes)
            {
                var node = placed.Node;
                using (node.Link is null ? default(TagScope?) : w.Tag("a", ("href", node.Link)))
                using (w.Tag("g", ("data-node", node.Id)))
                {
                    w.Element("title", node.Detail is null ? node.Title : node.Title + " — " + node.Detail);
                    w.Void("rect", ("class", "node " + GraphNodeState.Class(node.State)), ("x", N(placed.X)), ("y", N(placed.Y)),
                        ("width", N(LayeredLayout.NodeWidth)), ("height", N(LayeredLayout.NodeHeight)), ("rx", "6"));
                    var titleY = node.Detail is null ? placed.Y + (LayeredLayout.NodeHeight / 2) + 4.5 : placed.Y + 20;
                    w.Element("text", Fit(node.Title, TitleCharWidth), ("class", "title"), ("x", N(placed.X + 10)), ("y", N(titleY)));
                    if (node.Detail is not null)
                    {
                        w.Element("text", Fit(node.Detail, DetailCharWidth), ("class", "tick"), ("x", N(placed.X + 10)), ("y", N(placed.Y + 37)));
                    }
                }
            }
        }
    }

    /// <summary>The text cut with an ellipsis to what fits in a box at about <paramref name="charWidth"/> pixels a character.</summary>
    public static string Fit(string text, double charWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = (int)((LayeredLayout.NodeWidth - 20) / charWidth);
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>Straight through each lane, S-curves (horizontal tangents) across the gaps between layers.</summary>
    private static string Path(IReadOnlyList<(double X, double Y)> points)
    {
        var d = new StringBuilder();
        d.Append(CultureInfo.InvariantCulture, $"M{N(points[0].X)},{N(points[0].Y)}");
        for (var i = 1; i < points.Count; i++)
        {
            var (from, to) = (points[i - 1], points[i]);
            if (from.Y == to.Y || to.X <= from.X)
            {
                d.Append(CultureInfo.InvariantCulture, $" L{N(to.X)},{N(to.Y)}");
                continue;
            }

            var bend = (to.X - from.X) / 2;
            d.Append(CultureInfo.InvariantCulture, $" C{N(from.X + bend)},{N(from.Y)} {N(to.X - bend)},{N(to.Y)} {N(to.X)},{N(to.Y)}");
        }

        return d.ToString();
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Slug(string id) => new(id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
