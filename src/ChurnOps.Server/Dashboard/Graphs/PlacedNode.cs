namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>A box with its place: the layer (column, left to right), its row in that layer, and its top-left corner.</summary>
internal sealed record PlacedNode(GraphNode Node, int Layer, int Row, double X, double Y);
