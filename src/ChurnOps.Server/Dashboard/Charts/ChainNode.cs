namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>One box of a chain picture: the stage (e.g. "Contract"), what it is, its signal, up to three detail lines, and a link.</summary>
internal sealed record ChainNode(string Stage, string Name, Signal Signal, IReadOnlyList<string> Details, string? Href);
