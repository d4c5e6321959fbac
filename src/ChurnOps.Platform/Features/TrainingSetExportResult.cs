namespace ChurnOps.Platform.Features;

/// <summary>A training set written to a file; <see cref="TrainingSetHash"/> is the SHA-256 of the file's bytes.</summary>
public sealed record TrainingSetExportResult(
    bool Succeeded,
    string? Error,
    string? Path,
    long Rows,
    string TrainingSetHash,
    IReadOnlyDictionary<string, string> FeatureViewVersions)
{
    internal static TrainingSetExportResult Fail(string error) => new(false, error, null, 0, string.Empty, new Dictionary<string, string>());
}
