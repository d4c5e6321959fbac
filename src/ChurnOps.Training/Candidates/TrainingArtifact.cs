namespace ChurnOps.Training.Candidates;

/// <summary>One file a run produced (a plot or a report), held in memory until the caller stores it.</summary>
public sealed record TrainingArtifact(string Path, string ContentType, byte[] Content);
