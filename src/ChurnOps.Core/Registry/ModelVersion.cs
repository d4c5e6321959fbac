namespace ChurnOps.Core.Registry;

/// <summary>An immutable registered model: the artifact, where it came from, and how well it did.</summary>
public sealed record ModelVersion(
    string ModelName,
    int Version,
    string RunId,
    string ArtifactPath,
    string Trainer,
    IReadOnlyDictionary<string, double> Metrics,
    ModelLineage Lineage,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? Description);
