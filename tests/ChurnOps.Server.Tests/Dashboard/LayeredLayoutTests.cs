using ChurnOps.Server.Dashboard.Graphs;

namespace ChurnOps.Server.Tests.Dashboard;

public sealed class LayeredLayoutTests
{
    [Fact]
    public void Arrange_Chain_PutsEachNodeOneLayerRightOfItsInput()
    {
        var layout = LayeredLayout.Arrange([Node("a"), Node("b"), Node("c")], [new GraphEdge("a", "b"), new GraphEdge("b", "c")]);

        Assert.Equal([0, 1, 2], layout.Nodes.Select(n => n.Layer));
        Assert.True(layout.Nodes[0].X < layout.Nodes[1].X && layout.Nodes[1].X < layout.Nodes[2].X);
        Assert.Equal((2 * LayeredLayout.Margin) + (3 * LayeredLayout.NodeWidth) + (2 * LayeredLayout.LayerGap), layout.Width);
    }

    [Fact]
    public void Arrange_PureSourceFeedingALateNode_SitsJustBeforeItsConsumer()
    {
        // contract → dataset → training set ← feature view: the view belongs next to the training set, not in layer 0.
        var layout = LayeredLayout.Arrange(
            [Node("contract"), Node("dataset"), Node("training"), Node("view")],
            [new GraphEdge("contract", "dataset"), new GraphEdge("dataset", "training"), new GraphEdge("view", "training")]);

        var layers = layout.Nodes.ToDictionary(n => n.Node.Id, n => n.Layer);
        Assert.Equal(1, layers["view"]);
        Assert.Equal(2, layers["training"]);
    }

    [Fact]
    public void Arrange_EdgeSkippingLayers_ReservesALaneSoNoBoxIsCrossed()
    {
        // a → b → c and a → c: the long arrow passes layer 1 in its own lane, beside b, never through it.
        var layout = LayeredLayout.Arrange([Node("a"), Node("b"), Node("c")], [new GraphEdge("a", "b"), new GraphEdge("b", "c"), new GraphEdge("a", "c")]);

        var b = layout.Nodes.Single(n => n.Node.Id == "b");
        var skip = layout.Edges.Single(e => e.Edge == new GraphEdge("a", "c"));
        Assert.Equal(4, skip.Points.Count);
        var laneY = skip.Points[1].Y;
        Assert.Equal(laneY, skip.Points[2].Y);
        Assert.True(laneY < b.Y || laneY > b.Y + LayeredLayout.NodeHeight, $"lane at y={laneY} runs through b ({b.Y}..{b.Y + LayeredLayout.NodeHeight})");
    }

    [Fact]
    public void Arrange_ManyNodesInOneLayer_NoTwoBoxesOverlap()
    {
        var nodes = Enumerable.Range(0, 8).Select(i => Node("s" + i)).Append(Node("sink")).ToList();
        var edges = Enumerable.Range(0, 8).Select(i => new GraphEdge("s" + i, "sink")).ToList();

        var layout = LayeredLayout.Arrange(nodes, edges);

        foreach (var (first, second) in layout.Nodes.SelectMany((a, i) => layout.Nodes.Skip(i + 1).Select(b => (a, b))))
        {
            var apart = first.X + LayeredLayout.NodeWidth <= second.X || second.X + LayeredLayout.NodeWidth <= first.X
                || first.Y + LayeredLayout.NodeHeight <= second.Y || second.Y + LayeredLayout.NodeHeight <= first.Y;
            Assert.True(apart, $"{first.Node.Id} overlaps {second.Node.Id}");
        }

        Assert.True(layout.Nodes.All(n => n.Y >= 0 && n.Y + LayeredLayout.NodeHeight <= layout.Height));
    }

    [Fact]
    public void Arrange_CrossingPairs_BarycentreOrderUncrossesThem()
    {
        // a1 → b2 and a2 → b1 listed so that input order crosses them; the sweep puts b2 above b1.
        var layout = LayeredLayout.Arrange([Node("a1"), Node("a2"), Node("b1"), Node("b2")], [new GraphEdge("a1", "b2"), new GraphEdge("a2", "b1")]);

        var row = layout.Nodes.ToDictionary(n => n.Node.Id, n => n.Row);
        Assert.Equal(row["a1"] < row["a2"], row["b2"] < row["b1"]);
    }

    [Fact]
    public void Arrange_CycleDuplicatesAndUnknownEnds_LaysOutWithoutThrowing()
    {
        var layout = LayeredLayout.Arrange(
            [Node("a"), Node("b"), Node("a"), Node("c")],
            [new GraphEdge("a", "b"), new GraphEdge("b", "a"), new GraphEdge("c", "ghost"), new GraphEdge("c", "c")]);

        Assert.Equal(["a", "b", "c"], layout.Nodes.Select(n => n.Node.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, layout.Edges.Count);
    }

    [Fact]
    public void Arrange_NoNodes_IsAnEmptyPicture()
    {
        var layout = LayeredLayout.Arrange([], []);

        Assert.Empty(layout.Nodes);
        Assert.Equal(2 * LayeredLayout.Margin, layout.Width);
    }

    private static GraphNode Node(string id) => new(id, id);
}
