namespace ChurnOps.Platform.Registry.Lineage;

/// <summary>A version's lineage from the data contract to where it serves, in that order.</summary>
public sealed record ModelLineageReport(string ModelName, int Version, IReadOnlyList<LineageStep> Steps);
