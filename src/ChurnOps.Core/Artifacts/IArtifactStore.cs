namespace ChurnOps.Core.Artifacts;

/// <summary>
/// Blob storage for models, datasets and reports. Writes are atomic: a reader sees the whole artifact or none.
/// Paths are relative, forward-slash, and never escape the store (".." is refused).
/// </summary>
public interface IArtifactStore
{
    Task<ArtifactInfo> WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken);

    Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken);

    /// <summary>Direct children (files and folders) under a prefix, like MLflow's artifacts/list.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>A location a human can open (a file path for the local store, a URI for remote stores).</summary>
    string Describe(string path);
}
