namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// One scored chunk: its output bytes (rented; the pipeline returns them), counts, and the first problem met, placed by
/// the line breaks before it in the chunk so the pipeline can turn it into a line number once the chunks before it are known.
/// </summary>
internal sealed class CsvChunkResult
{
    public byte[]? Output { get; init; }

    public int OutputLength { get; init; }

    public int Rows { get; init; }

    public long Positive { get; init; }

    public double ProbabilitySum { get; init; }

    /// <summary>Line breaks in the chunk (for line numbers of errors in later chunks).</summary>
    public int Newlines { get; init; }

    /// <summary>Line breaks in the chunk before the record with the error.</summary>
    public int ErrorLine { get; init; }

    public string? Error { get; init; }

    /// <summary>Kept only when predictions are logged.</summary>
    public string?[]? Ids { get; init; }

    public float[]? Probabilities { get; init; }

    /// <summary>The parsed rows the chunk was scored from, kept only when predictions are logged (monitoring compares them with the training set).</summary>
    public Core.Data.TabularData? Inputs { get; init; }
}
