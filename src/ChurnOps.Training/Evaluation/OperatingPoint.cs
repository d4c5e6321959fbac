using ChurnOps.Training.Candidates;

namespace ChurnOps.Training.Evaluation;

/// <summary>
/// A decision threshold and what it gives on the test split: chosen on the validation scores by a policy (as training
/// chooses the serving threshold), then measured on test with bootstrap intervals.
/// </summary>
public sealed record OperatingPoint(double Threshold, bool TargetMet, MetricInterval Precision, MetricInterval Recall)
{
    /// <summary>The cut with the most validation recall at precision ≥ <paramref name="target"/> (max F1 when none reaches it).</summary>
    public static OperatingPoint ForPrecisionTarget(HeldOutEvidence evidence, double target, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var (threshold, met) = ThresholdSelector.Choose(evidence.ValidationScores, evidence.ValidationLabels, ThresholdPolicy.PrecisionAtLeast(target));
        return At(evidence, threshold, met, settings);
    }

    /// <summary>The test split's precision and recall at a given threshold.</summary>
    public static OperatingPoint At(HeldOutEvidence evidence, double threshold, bool targetMet, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var metrics = BootstrapMetrics.Compute(evidence.TestScores, evidence.TestLabels, threshold, settings);
        return new OperatingPoint(threshold, targetMet, metrics.Single(m => m.Metric == "precision"), metrics.Single(m => m.Metric == "recall"));
    }
}
