namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>A dataset a run used (MLflow's run inputs): name, digest, and its context tag (training, evaluation…).</summary>
internal sealed record RunDatasetInput(string Name, string Digest, string? Context, string? Source);
