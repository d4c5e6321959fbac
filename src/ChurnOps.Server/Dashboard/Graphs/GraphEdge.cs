namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>An arrow from one box to another (data flows from <see cref="From"/> to <see cref="To"/>).</summary>
internal sealed record GraphEdge(string From, string To);
