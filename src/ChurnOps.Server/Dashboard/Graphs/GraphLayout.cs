namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>A laid-out graph: every box and arrow with coordinates, and the size of the picture.</summary>
internal sealed record GraphLayout(IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<PlacedEdge> Edges, double Width, double Height);
