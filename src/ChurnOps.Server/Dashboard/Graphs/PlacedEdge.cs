namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>An arrow with the points it passes through: the source's right side, one point per layer it crosses, the target's left side.</summary>
internal sealed record PlacedEdge(GraphEdge Edge, IReadOnlyList<(double X, double Y)> Points);
