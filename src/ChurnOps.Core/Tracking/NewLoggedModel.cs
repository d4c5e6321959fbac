namespace ChurnOps.Core.Tracking;

/// <summary>What logged-models/create carries; a missing name gets a generated one, as in MLflow.</summary>
public sealed record NewLoggedModel(string ExperimentId, string? Name, string? ModelType, string? SourceRunId, IReadOnlyList<RunParam> Params, IReadOnlyList<TrackingTag> Tags);
