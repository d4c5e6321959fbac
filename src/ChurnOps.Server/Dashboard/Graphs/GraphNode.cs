namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>
/// One box of a drawn graph (a lineage link, a pipeline step): its title, an optional second line, a state that colours
/// it (<see cref="GraphNodeState"/>) and an optional link to the page that explains it.
/// </summary>
internal sealed record GraphNode(string Id, string Title, string? Detail = null, string State = GraphNodeState.Neutral, string? Link = null);
