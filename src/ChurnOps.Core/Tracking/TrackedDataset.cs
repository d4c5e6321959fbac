namespace ChurnOps.Core.Tracking;

/// <summary>A dataset a run consumed, identified by name and content digest (MLflow's Dataset message).</summary>
public sealed record TrackedDataset(string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile);
