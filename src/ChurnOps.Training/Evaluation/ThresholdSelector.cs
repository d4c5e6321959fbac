using ChurnOps.Training.Candidates;

namespace ChurnOps.Training.Evaluation;

/// <summary>Picks the decision threshold on validation scores according to a <see cref="ThresholdPolicy"/>.</summary>
internal static class ThresholdSelector
{
    /// <returns>The threshold, and whether the policy's precision target was reached (always true for max F1).</returns>
    public static (double Threshold, bool TargetMet) Choose(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels, ThresholdPolicy policy)
    {
        var curve = BinaryMetrics.Curve(scores, labels);
        if (curve.Positives == 0 || curve.Points.Count == 0)
        {
            return (0.5, policy.TargetPrecision is null);
        }

        double bestF1 = -1, bestF1Threshold = 0.5;
        double bestRecall = -1, targetThreshold = double.NaN;
        foreach (var point in curve.Points)
        {
            var precision = (double)point.TruePositives / (point.TruePositives + point.FalsePositives);
            var recall = (double)point.TruePositives / curve.Positives;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestF1Threshold = point.Threshold;
            }

            if (policy.TargetPrecision is { } target && precision >= target && recall > bestRecall)
            {
                bestRecall = recall;
                targetThreshold = point.Threshold;
            }
        }

        if (policy.TargetPrecision is null)
        {
            return (bestF1Threshold, true);
        }

        return double.IsNaN(targetThreshold) ? (bestF1Threshold, false) : (targetThreshold, true);
    }
}
