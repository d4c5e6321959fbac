using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Registry;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Platform.Serving;

/// <summary>Reads a registered version's package from the artifact store.</summary>
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

        return (await ModelPackage.LoadAsync(stream, cancellationToken).ConfigureAwait(false), null);
    }
}
