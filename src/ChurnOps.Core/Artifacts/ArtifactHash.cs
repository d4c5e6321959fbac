using System.Security.Cryptography;

namespace ChurnOps.Core.Artifacts;

/// <summary>SHA-256 of a stored artifact as lowercase hex: what a registered version records and serving checks.</summary>
public static class ArtifactHash
{
    /// <summary>The artifact's hash, or null when nothing is stored at <paramref name="path"/>.</summary>
    public static async Task<string?> ComputeAsync(IArtifactStore artifacts, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        await using var stream = await artifacts.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        return stream is null ? null : await ComputeAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<string> ComputeAsync(Stream content, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));

    /// <summary>A short prefix, enough for a human to tell two hashes apart in a message.</summary>
    public static string Prefix(string hash) => hash.Length <= 12 ? hash : hash[..12];
}
