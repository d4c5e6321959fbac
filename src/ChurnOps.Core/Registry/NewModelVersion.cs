namespace ChurnOps.Core.Registry;

public sealed record NewModelVersion(
    string ModelName,
    string RunId,
    string ArtifactPath,
    string Trainer,
    IReadOnlyDictionary<string, double> Metrics,
    ModelLineage Lineage,
    string CreatedBy,
    string? Description)
{
    /// <summary>MLflow's source URI as a client sent it (runs:/…, models:/…, mlflow-artifacts:/…); null for ChurnOps' own.</summary>
    public string? Source { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The gates' verdict at training time; null when the version came from outside (an MLflow client).</summary>
    public GateVerdict? Gates { get; init; }

    public string? RunLink { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the file at ArtifactPath as registered; null when it could not be read then.</summary>
    public string? ArtifactSha256 { get; init; }

    /// <summary>The team recorded as the model's owner when this registration creates the model; ignored otherwise.</summary>
    public string? OwnerTeam { get; init; }
}
