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

    /// <summary>
    /// Removes a file, or a folder with everything under it; false when nothing was there. The default is for stores
    /// that cannot delete: they refuse with <see cref="NotSupportedException"/>, which callers report as not implemented.
    /// </summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete artifacts.");

    /// <summary>A location a human can open (a file path for the local store, a URI for remote stores).</summary>
    string Describe(string path);
}
