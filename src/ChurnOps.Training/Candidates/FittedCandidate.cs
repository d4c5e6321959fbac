using Microsoft.ML;

namespace ChurnOps.Training.Candidates;

/// <summary>
/// A candidate's best setting fitted on the train split (validation probabilities) and, for the model kept, refitted on
/// train and validation together (test probabilities), so the registered model learns from every row but the test rows.
/// </summary>
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

    /// <summary>
    /// The fit on the train split alone, which scored <see cref="FittedCandidate.ValidationScores"/> (threshold, gates,
    /// selection, importance). <see cref="FittedCandidate.Model"/> is refitted on train and validation together when the
    /// request asks for it; otherwise both are the same model.
    /// </summary>
    public required ITransformer ValidationModel { get; init; }
}
