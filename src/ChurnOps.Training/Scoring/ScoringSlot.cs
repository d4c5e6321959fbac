using Microsoft.ML;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// What one scoring call needs exclusively: a PredictionEngine (not thread-safe), its input and output buffers and an error
/// list. Slots are pooled so a request allocates nothing but its result.
/// </summary>
internal sealed class ScoringSlot : IDisposable
{
    private readonly Func<PredictionEngine<EncodedInput, ScoredOutput>> _createEngine;
    private PredictionEngine<EncodedInput, ScoredOutput>? _engine;

    public ScoringSlot(Func<PredictionEngine<EncodedInput, ScoredOutput>> createEngine, int dimension)
    {
        _createEngine = createEngine;
        Input = new EncodedInput { Features = new float[dimension] };
    }

    /// <summary>Created on first use: models scored by the compiled fast path never need one.</summary>
    public PredictionEngine<EncodedInput, ScoredOutput> Engine => _engine ??= _createEngine();

    public float[] Probability { get; } = new float[1];

    public EncodedInput Input { get; }

    public ScoredOutput Output { get; set; } = new();

    public List<string> Errors { get; } = [];

    public void Dispose() => _engine?.Dispose();
}
