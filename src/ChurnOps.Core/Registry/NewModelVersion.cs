namespace ChurnOps.Core.Registry;

public sealed record NewModelVersion(
    string ModelName,
    string RunId,
    string ArtifactPath,
    string Trainer,
    IReadOnlyDictionary<string, double> Metrics,
    ModelLineage Lineage,
    string CreatedBy,
    string? Description);
