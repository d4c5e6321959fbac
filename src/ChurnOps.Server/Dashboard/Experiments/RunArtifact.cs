namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>A file a run logged, by its path under the run's artifact root.</summary>
internal sealed record RunArtifact(string Path, long? SizeBytes)
{
    public bool IsImage => Path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || Path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || Path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase);
}
