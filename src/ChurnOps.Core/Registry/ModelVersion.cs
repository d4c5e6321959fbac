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
    string? Description)
{
    public ModelVersionStatus Status { get; init; } = ModelVersionStatus.PendingApproval;

    public ModelStage Stage { get; init; } = ModelStage.None;

    /// <summary>MLflow's source URI; null for versions ChurnOps trained (their artifact is <see cref="ArtifactPath"/>).</summary>
    public string? Source { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public GateVerdict? Gates { get; init; }

    public string? RunLink { get; init; }

    /// <summary>
    /// SHA-256 (lowercase hex) of the artifact recorded at registration; serving refuses bytes that do not match.
    /// Null for versions registered before hashes were recorded (or whose artifact lives outside the store): not verified.
    /// </summary>
    public string? ArtifactSha256 { get; init; }

    /// <summary>When the description, stage, status or tags last changed; the artifact and lineage never do.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
