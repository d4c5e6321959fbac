using System.Security.Cryptography;
using ChurnOps.Core.Artifacts;
using ChurnOps.Storage.Files;

namespace ChurnOps.Storage.Artifacts;

/// <summary>Artifacts in a local folder. Each write goes to a temp file in the same folder, then a rename, so it is all or nothing.</summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    private readonly string _root;

    public LocalArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    public async Task<ArtifactInfo> WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        var full = FullPath(path);
        await AtomicFile.WriteAsync(full, writeContent, cancellationToken).ConfigureAwait(false);
        return await DescribeFileAsync(full, cancellationToken).ConfigureAwait(false);
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        Stream? stream = File.Exists(full) ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
        return Task.FromResult(stream);
    }

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) => Task.FromResult(File.Exists(FullPath(path)));

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var normalized = ArtifactPath.Normalize(prefix ?? string.Empty);
        var folder = normalized.Length == 0 ? _root : Path.Combine(_root, normalized);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<ArtifactInfo>>([]);
        }

        var entries = new List<ArtifactInfo>();
        foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            entries.Add(new ArtifactInfo(Relative(dir), true, null, null));
        }

        foreach (var file in Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            entries.Add(new ArtifactInfo(Relative(file), false, new FileInfo(file).Length, null));
        }

        return Task.FromResult<IReadOnlyList<ArtifactInfo>>(entries);
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
            return Task.FromResult(true);
        }

        if (File.Exists(full))
        {
            File.Delete(full);
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    public string Describe(string path) => FullPath(path);

    private string FullPath(string path)
    {
        var normalized = ArtifactPath.Normalize(path);
        if (normalized.Length == 0)
        {
            throw new ArgumentException("Artifact path is empty.", nameof(path));
        }

        var full = Path.GetFullPath(Path.Combine(_root, normalized));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact path '{path}' escapes the store.", nameof(path));
        }

        return full;
    }

    private string Relative(string full) => Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');

    private async Task<ArtifactInfo> DescribeFileAsync(string full, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(full);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ArtifactInfo(Relative(full), false, stream.Length, Convert.ToHexStringLower(hash));
    }
}
