namespace ChurnOps.Core.Artifacts;

public sealed record ArtifactInfo(string Path, bool IsDirectory, long? SizeBytes, string? Sha256);
