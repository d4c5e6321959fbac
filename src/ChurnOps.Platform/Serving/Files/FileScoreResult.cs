namespace ChurnOps.Platform.Serving.Files;

/// <summary>What a file scoring run did, or the one-line reason it wrote nothing.</summary>
public sealed record FileScoreResult(
    bool Succeeded,
    string? Error,
    string ModelName,
    int ModelVersion,
    long Rows,
    long PredictedPositive,
    double MeanProbability,
    string? OutputPath,
    string? IdColumn,
    long LoggedRows,
    double Seconds)
{
    internal static FileScoreResult Failed(string error, string model, int version = 0) => new(false, error, model, version, 0, 0, 0, null, null, 0, 0);
}
