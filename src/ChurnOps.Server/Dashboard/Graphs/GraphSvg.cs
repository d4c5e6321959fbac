using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>
/// Draws a laid-out graph as inline SVG: arrows first, boxes over them, each box a title and a detail line cut to fit
/// (the whole text in its tooltip), a link when the box has one. Every text is HTML-encoded; colours come from CSS
/// classes (graph-node-ok…), so light and dark themes both apply.
/// </summary>
internal static class GraphSvg
{
    private const double TitleCharWidth = 7.4;
    private const double DetailCharWidth = 6.2;

    public static string Render(GraphLayout layout, string caption, string id)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var encode = HtmlEncoder.Default;
        var marker = "arrow-" + Slug(id);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {N(layout.Width)} {N(layout.Height)}" width="{N(layout.Width)}" height="{N(layout.Height)}" role="img" aria-labelledby="{Slug(id)}-title">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{Slug(id)}-title">{encode.Encode(caption)}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="graph-arrowhead"/></marker></defs>""");
        foreach (var edge in layout.Edges)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<path class="graph-edge" fill="none" d="{Path(edge.Points)}" marker-end="url(#{marker})"/>""");
        }

        foreach (var placed in layout.Nodes)
        {
            var node = placed.Node;
            var tooltip = node.Detail is null ? node.Title : node.Title + " — " + node.Detail;
            if (node.Link is not null)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<a href="{encode.Encode(node.Link)}">""");
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<g class="{GraphNodeState.Class(node.State)}" data-node="{encode.Encode(node.Id)}"><title>{encode.Encode(tooltip)}</title>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(placed.X)}" y="{N(placed.Y)}" width="{N(LayeredLayout.NodeWidth)}" height="{N(LayeredLayout.NodeHeight)}" rx="6"/>""");
            var titleY = node.Detail is null ? placed.Y + (LayeredLayout.NodeHeight / 2) + 4.5 : placed.Y + 20;
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="graph-title" x="{N(placed.X + 10)}" y="{N(titleY)}">{encode.Encode(Fit(node.Title, TitleCharWidth))}</text>""");
            if (node.Detail is not null)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="graph-detail" x="{N(placed.X + 10)}" y="{N(placed.Y + 37)}">{encode.Encode(Fit(node.Detail, DetailCharWidth))}</text>""");
            }

            svg.Append("</g>");
            if (node.Link is not null)
            {
                svg.Append("</a>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
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
