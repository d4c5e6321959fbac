namespace ChurnOps.Training.Scoring;

/// <summary>A fitted model rebuilt as plain arrays and loops that scores encoded rows without an ML.NET data view.</summary>
internal interface ICompiledScorer
{
    /// <summary>Probabilities for <paramref name="rows"/> row-major vectors of <paramref name="dimension"/> floats.</summary>
    void Score(ReadOnlySpan<float> block, int dimension, int rows, Span<float> destination);

    /// <summary>Vectors chosen to expose any difference from ML.NET (split thresholds, dense and sparse paths).</summary>
    float[] ProbeVectors(int dimension, int rows, int seed);

    /// <summary>Writes the scorer for <see cref="CompiledScorerForm"/>; false when this one cannot be stored (nothing useful written).</summary>
    bool TryWrite(BinaryWriter writer);
}
