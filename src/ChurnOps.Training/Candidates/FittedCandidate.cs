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
    TimeSpan TrainingTime);
