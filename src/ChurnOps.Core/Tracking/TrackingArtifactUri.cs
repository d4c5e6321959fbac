namespace ChurnOps.Core.Tracking;

/// <summary>
/// Maps MLflow artifact URIs onto the project's artifact store. Runs get "mlflow-artifacts:/{experiment}/{run}/artifacts",
/// which MLflow clients resolve to the server's artifact proxy; both land under "tracking/" in the store.
/// </summary>
public static class TrackingArtifactUri
{
    public const string Scheme = "mlflow-artifacts:";
    public const string StorePrefix = "tracking";

    /// <summary>The store path behind a run's artifact URI, or null when the URI points outside this server (e.g. s3://).</summary>
    public static string? StorePath(string artifactUri)
    {
        ArgumentNullException.ThrowIfNull(artifactUri);
        if (!artifactUri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = artifactUri[Scheme.Length..].Trim('/');
        return rest.Length == 0 ? StorePrefix : StorePrefix + "/" + rest;
    }

    /// <summary>The store path for a path under /api/2.0/mlflow-artifacts/artifacts/ (already normalised).</summary>
    public static string ProxyStorePath(string normalizedPath) =>
        normalizedPath.Length == 0 ? StorePrefix : StorePrefix + "/" + normalizedPath;
}
