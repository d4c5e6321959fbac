namespace ChurnOps.Training.Candidates;

/// <summary>
/// Chooses the winner among the candidates that passed their gates by the AUC of the cross-validation on the train split
/// and of the validation split pooled, each weighted by its rows. Validation alone (a fifth of the rows) is too noisy
/// to tell candidates a few thousandths apart: on the public churn sets it picked a tree ensemble weaker on test than
/// logistic regression. Ties go to the validation AUC, then to the earlier candidate.
/// </summary>
internal static class CandidateSelection
{
    /// <summary>The validation metric selection ranks by.</summary>
    public const string Metric = "selection_auc";

    public static double PooledAuc(double cvAucMean, int trainRows, double validationAuc, int validationRows) =>
        ((cvAucMean * trainRows) + (validationAuc * validationRows)) / (trainRows + validationRows);

    /// <summary>The winner's index, or -1 when no candidate passed; <paramref name="required"/> names the only candidate that may win.</summary>
    public static int Winner(IReadOnlyList<CandidateResult> candidates, string? required = null) =>
        Enumerable.Range(0, candidates.Count)
            .Where(i => candidates[i].PassedGates && (required is null || candidates[i].Trainer == required))
            .OrderByDescending(i => candidates[i].ValidationMetrics[Metric])
            .ThenByDescending(i => candidates[i].ValidationMetrics["auc"])
            .ThenBy(i => i)
            .DefaultIfEmpty(-1)
            .First();
}
