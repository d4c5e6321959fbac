namespace ChurnOps.Server.Audit;

/// <summary>
/// Which requests the audit records and in what words. Mutations are POST, PUT, PATCH and DELETE, less the POSTs that
/// only read: scoring (OIP infer, /invocations, native predict) and MLflow's searches. A route is named as an action
/// on an object kind: <c>POST /api/2.0/mlflow/runs/delete</c> is <c>run.delete</c>, an artifact proxy PUT is
/// <c>artifact.put</c>, <c>POST /api/v1/deployments/7/rollback</c> is <c>deployment.rollback</c> of deployment 7.
/// </summary>
internal static class AuditRoutes
{
    private static readonly string[] MlflowPrefixes = ["/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"];
    private static readonly string[] ArtifactPrefixes = ["/api/2.0/mlflow-artifacts/artifacts/", "/ajax-api/2.0/mlflow-artifacts/artifacts/"];

    /// <summary>True for a request the audit records; false (at the cost of a few string compares) for reads and scoring.</summary>
    public static bool IsAudited(string method, string? path)
    {
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)))
        {
            return false;
        }

        return path is not null && !IsScoring(path) && !IsSearch(path);
    }

    /// <summary>The action, object kind and (when the route holds it) object id of an audited request.</summary>
    public static (string Action, string Kind, string? Id) Describe(string method, string path)
    {
        foreach (var prefix in ArtifactPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return (HttpMethods.IsDelete(method) ? "artifact.delete" : "artifact.put", "artifact", Uri.UnescapeDataString(path[prefix.Length..]));
            }
        }

        foreach (var prefix in MlflowPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return Mlflow(method, path[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        if (path.StartsWith("/api/v1/deployments", StringComparison.OrdinalIgnoreCase))
        {
            var parts = path["/api/v1/deployments".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2
                ? ("deployment." + parts[1].ToLowerInvariant(), "deployment", parts[0])
                : ("deployment.start", "deployment", null);
        }

        return ("http." + method.ToLowerInvariant(), "http", path);
    }

    private static (string Action, string Kind, string? Id) Mlflow(string method, string[] parts)
    {
        if (parts.Length == 0)
        {
            return ("mlflow." + method.ToLowerInvariant(), "mlflow", null);
        }

        if (parts[0].Equals("upload-artifact", StringComparison.OrdinalIgnoreCase))
        {
            return ("artifact.upload", "artifact", null);
        }

        var kind = Singular(parts[0]);
        if (parts.Length == 1)
        {
            return ($"{kind}.create", kind, null);
        }

        if (kind == "logged_model" && HttpMethods.IsPatch(method))
        {
            return ("logged_model.finalize", kind, parts[1]);
        }

        var verb = parts[^1].Replace('-', '_').ToLowerInvariant();
        if (verb == "alias")
        {
            verb = HttpMethods.IsDelete(method) ? "delete_alias" : "set_alias";
        }

        return ($"{kind}.{verb}", kind, null);
    }

    private static string Singular(string noun)
    {
        var name = noun.Replace('-', '_').ToLowerInvariant();
        return name.EndsWith('s') ? name[..^1] : name;
    }

    private static bool IsScoring(string path) =>
        path.Equals("/invocations", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/api/v1/predict/", StringComparison.OrdinalIgnoreCase)
        || (path.StartsWith("/v2/models/", StringComparison.OrdinalIgnoreCase) && path.EndsWith("/infer", StringComparison.OrdinalIgnoreCase));

    // MLflow's reads that are POSTs: runs/search, experiments/search, registered-models/get-latest-versions…
    private static bool IsSearch(string path) =>
        path.EndsWith("/search", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("/search-datasets", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("/get-latest-versions", StringComparison.OrdinalIgnoreCase);
}
