namespace ChurnOps.Training.Candidates;

/// <summary>
/// Thresholds a candidate must meet (on validation metrics) to be eligible; null means the gate is off.
/// <see cref="MustBeatChampionBy"/> needs <see cref="ChampionAuc"/>: the candidate's AUC must reach champion + margin.
/// </summary>
public sealed record EvaluationGates(
    double? MinAuc,
    double? MinPrecision,
    double? MinRecall,
    double? MaxLatencyMs,
    double? MustBeatChampionBy,
    double? ChampionAuc)
{
    public static EvaluationGates None { get; } = new(null, null, null, null, null, null);
}
