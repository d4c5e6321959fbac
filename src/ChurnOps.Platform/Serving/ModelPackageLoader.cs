using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Registry;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Platform.Serving;

/// <summary>Reads a registered version's package from the artifact store, refusing bytes whose hash is not the one registered.</summary>
public static class ModelPackageLoader
{
    public static async Task<(ModelPackage? Package, string? Error)> LoadAsync(IArtifactStore artifacts, ModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(version);
        await using var stream = await artifacts.OpenReadAsync(version.ArtifactPath, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return (null, $"model '{version.ModelName}' version {version.Version}: artifact '{version.ArtifactPath}' is missing");
        }

        if (version.ArtifactSha256 is not { } expected)
        {
            // Registered before hashes were recorded: served as before, unverified.
            return (await ModelPackage.LoadAsync(stream, cancellationToken).ConfigureAwait(false), null);
        }

        // Hash and load the same bytes: reading the file twice would let a swap between the two reads through.
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var actual = await ArtifactHash.ComputeAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"model '{version.ModelName}' version {version.Version}: artifact '{version.ArtifactPath}' does not match its registered SHA-256 (expected {ArtifactHash.Prefix(expected)}…, found {ArtifactHash.Prefix(actual)}…); refusing to serve it");
        }

        buffer.Position = 0;
        return (await ModelPackage.LoadAsync(buffer, cancellationToken).ConfigureAwait(false), null);
    }
}
