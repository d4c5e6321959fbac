namespace ChurnOps.Core.Tracking;

/// <summary>One dataset used in an experiment, as the MLflow UI lists them: name, digest and the input's context tag.</summary>
public sealed record DatasetSummary(string ExperimentId, string Name, string Digest, string? Context);
