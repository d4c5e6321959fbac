namespace ChurnOps.Platform.Serving.Files;

/// <summary>What the CSV pipeline wrote, or its one problem; ids and probabilities only when they are to be logged.</summary>
internal sealed record CsvScoreOutcome(string? Error, long Rows, long Positive, double ProbabilitySum, string? IdName, IReadOnlyList<CsvChunkResult> Logged)
{
    public static CsvScoreOutcome Failed(string error) => new(error, 0, 0, 0, null, []);
}
