namespace ChurnOps.Core.Artifacts;

/// <summary>Validates and normalises artifact paths so no caller can reach outside the store.</summary>
public static class ArtifactPath
{
    public static bool TryNormalize(string? path, out string normalized, out string? error)
    {
        normalized = string.Empty;
        if (path is null)
        {
            error = "Artifact path is required.";
            return false;
        }

        var trimmed = path.Replace('\\', '/').Trim('/');
        if (trimmed.Contains('\0', StringComparison.Ordinal))
        {
            error = "Artifact path contains a NUL character.";
            return false;
        }

        var parts = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part is ".." or ".")
            {
                error = $"Artifact path '{path}' may not contain '.' or '..' segments.";
                return false;
            }
        }

        if (path.StartsWith('/') || (path.Length > 1 && path[1] == ':'))
        {
            error = $"Artifact path '{path}' must be relative.";
            return false;
        }

        normalized = string.Join('/', parts);
        error = null;
        return true;
    }

    public static string Normalize(string path) =>
        TryNormalize(path, out var normalized, out var error) ? normalized : throw new ArgumentException(error, nameof(path));
}
