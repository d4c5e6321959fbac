using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Registry;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// A registered version's files are written once: the artifact proxy may not overwrite or delete anything under the
/// folder a version was registered from (its artifact's folder, and the run folder its runs:/ or mlflow-artifacts:/ source names).
/// </summary>
internal static class RegisteredArtifactGuard
{
    /// <summary>Why <paramref name="storePath"/> may not be written or deleted; null when no registered version owns it.</summary>
    public static async Task<string?> FindOwnerAsync(HttpContext context, string storePath, CancellationToken cancellationToken)
    {
        var registry = context.RequestServices.GetRequiredService<ModelLifecycle>().Registry;
        var runs = context.RequestServices.GetRequiredService<IRunStore>();
        for (var offset = 0; ; offset += RegistryQuery.MaxPageSize)
        {
            var page = await registry.SearchVersionsAsync(RegistryQuery.All with { Offset = offset }, cancellationToken).ConfigureAwait(false);
            foreach (var version in page.Items)
            {
                foreach (var root in await ProtectedRootsAsync(runs, version, cancellationToken).ConfigureAwait(false))
                {
                    // The path itself or anything under it; and deleting a folder that holds it.
                    if (Overlaps(storePath, root))
                    {
                        return $"Artifact path '{storePath[(TrackingArtifactUri.StorePrefix.Length + 1)..]}' belongs to registered model {version.ModelName} v{version.Version} and is immutable.";
                    }
                }
            }

            if (page.Items.Count < RegistryQuery.MaxPageSize)
            {
                return null;
            }
        }
    }

    private static bool Overlaps(string path, string root) =>
        path == root
        || path.StartsWith(root + "/", StringComparison.Ordinal)
        || root.StartsWith(path + "/", StringComparison.Ordinal);

    private static async Task<List<string>> ProtectedRootsAsync(IRunStore runs, ModelVersion version, CancellationToken cancellationToken)
    {
        var roots = new List<string>();
        if (!version.ArtifactPath.Contains(':', StringComparison.Ordinal))
        {
            // A store path (ChurnOps' own training): the model's folder, e.g. tracking/…/artifacts/model.
            var slash = version.ArtifactPath.LastIndexOf('/');
            roots.Add(slash < 0 ? version.ArtifactPath : version.ArtifactPath[..slash]);
        }

        foreach (var uri in new[] { version.Source, version.ArtifactPath })
        {
            if (uri is null)
            {
                continue;
            }

            if (TrackingArtifactUri.StorePath(uri) is { } direct)
            {
                roots.Add(direct);
            }
            else if (uri.StartsWith("runs:/", StringComparison.Ordinal))
            {
                var rest = uri["runs:/".Length..].Trim('/');
                var slash = rest.IndexOf('/');
                var runId = slash < 0 ? rest : rest[..slash];
                var run = await runs.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
                if (run.Value is { } found && TrackingArtifactUri.StorePath(found.Info.ArtifactUri) is { } runRoot)
                {
                    roots.Add(slash < 0 ? runRoot : runRoot + "/" + rest[(slash + 1)..].Trim('/'));
                }
            }
        }

        // The tracking root itself is never a version's folder; guard against a source that names it.
        roots.RemoveAll(r => r.Length == 0 || r == TrackingArtifactUri.StorePrefix);
        return roots;
    }
}
