using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>
/// Boxes left to right joined by arrows (contract → feature view → model → deployment → consumers; a pipeline's steps).
/// Each box is coloured by its signal, names it in words too, and links to its page; the picture scrolls sideways on a
/// narrow screen rather than shrinking its text.
/// </summary>
internal static class ChainDiagram
{
    private const double BoxWidth = 176;
    private const double BoxHeight = 118;
    private const double Gap = 36;
    private const double Margin = 12;

    public static void Write(HtmlWriter w, string title, IReadOnlyList<ChainNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(nodes);
        var width = (Margin * 2) + (nodes.Count * BoxWidth) + (Math.Max(0, nodes.Count - 1) * Gap);
        var height = BoxHeight + (Margin * 2);
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("svg", ("class", "chart chain"), ("viewBox", $"0 0 {ChartFrame.N(width)} {ChartFrame.N(height)}"), ("width", ChartFrame.N(width)), ("role", "img"), ("aria-label", title), ("xmlns", "http://www.w3.org/2000/svg")))
        {
            w.Element("title", title + ": " + string.Join(" → ", nodes.Select(n => $"{n.Stage} {n.Name} ({SignalStyle.Word(n.Signal)})")));
            for (var i = 0; i < nodes.Count; i++)
            {
                var left = Margin + (i * (BoxWidth + Gap));
                if (i > 0)
                {
                    var fromX = left - Gap + 2;
                    var toX = left - 8;
                    var midY = Margin + (BoxHeight / 2);
                    w.Void("line", ("class", "arrow"), ("x1", ChartFrame.N(fromX)), ("x2", ChartFrame.N(toX)), ("y1", ChartFrame.N(midY)), ("y2", ChartFrame.N(midY)));
                    w.Void("polygon", ("class", "arrowhead"), ("points", $"{ChartFrame.N(toX)},{ChartFrame.N(midY - 6)} {ChartFrame.N(left - 1)},{ChartFrame.N(midY)} {ChartFrame.N(toX)},{ChartFrame.N(midY + 6)}"));
                }

                WriteNode(w, nodes[i], left);
            }
        }
    }

    private static void WriteNode(HtmlWriter w, ChainNode node, double left)
    {
        using (node.Href is null ? w.Tag("g") : w.Tag("a", ("href", node.Href)))
        {
            w.Void("rect", ("class", "node " + SignalStyle.CssClass(node.Signal)), ("x", ChartFrame.N(left)), ("y", ChartFrame.N(Margin)), ("width", ChartFrame.N(BoxWidth)), ("height", ChartFrame.N(BoxHeight)), ("rx", "8"));
            var x = ChartFrame.N(left + 10);
            w.Element("text", node.Stage.ToUpperInvariant() + " · " + SignalStyle.Word(node.Signal), ("class", "tick"), ("x", x), ("y", ChartFrame.N(Margin + 18)));
            w.Element("text", ChartFrame.Fit(node.Name, BoxWidth - 16), ("class", "title"), ("x", x), ("y", ChartFrame.N(Margin + 38)));
            var y = Margin + 58;
            foreach (var line in node.Details.Take(4))
            {
                w.Element("text", ChartFrame.Fit(line, BoxWidth - 14), ("x", x), ("y", ChartFrame.N(y)));
                y += 17;
            }
        }
    }
}
