using Microsoft.ML;

namespace ChurnOps.Training.Candidates;

/// <summary>A candidate's best setting refitted on the whole train split, with its validation and test probabilities.</summary>
internal sealed record FittedCandidate(
    string Trainer,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyList<SearchTrial> Trials,
    MLContext Context,
    ITransformer Model,
    float[] ValidationScores,
    float[] TestScores,
    TimeSpan TrainingTime)
{
    /// <summary>
    /// The probability of each train-split row, in <see cref="PreparedData.Train"/> order, from the best trial's
    /// cross-validation fit that held the row out: what a blend learns its weights from.
    /// </summary>
    public float[] OutOfFoldScores { get; init; } = [];
}
