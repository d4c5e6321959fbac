using Microsoft.ML;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// What one scoring call needs exclusively: a PredictionEngine (not thread-safe), its input and output buffers and an error
/// list. Slots are pooled so a request allocates nothing but its result.
/// </summary>
internal sealed class ScoringSlot : IDisposable
{
    public ScoringSlot(PredictionEngine<EncodedInput, ScoredOutput> engine, int dimension)
    {
        Engine = engine;
        Input = new EncodedInput { Features = new float[dimension] };
    }

    public PredictionEngine<EncodedInput, ScoredOutput> Engine { get; }

    public EncodedInput Input { get; }

    public ScoredOutput Output { get; set; } = new();

    public List<string> Errors { get; } = [];

    public void Dispose() => Engine.Dispose();
}
