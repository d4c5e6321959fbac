using System.Text.RegularExpressions;
using ChurnOps.Core.Artifacts;

namespace ChurnOps.Storage.Artifacts.S3;

/// <summary>Where the team artifact store lives: <c>s3://bucket[/prefix]</c>. The endpoint and credentials are separate settings.</summary>
public sealed partial record S3BucketLocation(string Bucket, string Prefix)
{
    public override string ToString() => Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}";

    public static bool TryParse(string? text, out S3BucketLocation? location, out string? error)
    {
        location = null;
        const string Shape = "expected s3://bucket[/prefix]";
        if (string.IsNullOrWhiteSpace(text) || !text.Trim().StartsWith("s3://", StringComparison.Ordinal))
        {
            error = Shape;
            return false;
        }

        var rest = text.Trim()["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
        {
            error = bucket.Length == 0
                ? Shape
                : $"'{(bucket.Length <= 63 ? bucket : bucket[..63] + "…")}' is not a bucket name (3-63 lowercase letters, digits, dots and hyphens)";
            return false;
        }

        if (prefix.Contains('?', StringComparison.Ordinal) || prefix.Contains('#', StringComparison.Ordinal))
        {
            error = $"prefix '{prefix}': no query or fragment here";
            return false;
        }

        if (!ArtifactPath.TryNormalize(prefix, out var normalized, out var prefixError))
        {
            error = $"prefix '{prefix}': {prefixError}";
            return false;
        }

        location = new S3BucketLocation(bucket, normalized);
        error = null;
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
