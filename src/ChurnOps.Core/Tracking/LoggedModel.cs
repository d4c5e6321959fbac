namespace ChurnOps.Core.Tracking;

/// <summary>An MLflow 3 logged model: a model's artifacts and metadata, owned by an experiment, optionally made by a run.</summary>
public sealed record LoggedModel(
    string ModelId,
    string ExperimentId,
    string Name,
    long CreationTimestampMs,
    long LastUpdatedTimestampMs,
    string ArtifactUri,
    string Status,
    string? ModelType,
    string? SourceRunId,
    string? StatusMessage,
    IReadOnlyList<TrackingTag> Tags,
    IReadOnlyList<RunParam> Params);
