namespace ChurnOps.Training.Scoring;

/// <summary>The PredictionEngine input: one encoded feature vector (its size is set by a schema definition at runtime).</summary>
internal sealed class EncodedInput
{
#pragma warning disable CA1819 // ML.NET binds vector columns to array members.
    public float[] Features { get; set; } = [];
#pragma warning restore CA1819
}
