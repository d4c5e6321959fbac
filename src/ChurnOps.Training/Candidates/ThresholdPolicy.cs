namespace ChurnOps.Training.Candidates;

/// <summary>
/// How the decision threshold is chosen on the validation split: the F1-maximising cut, or the lowest cut whose
/// precision reaches a target (most recall at that precision), falling back to max F1 when no cut reaches it.
/// </summary>
public sealed record ThresholdPolicy(double? TargetPrecision)
{
    public static ThresholdPolicy MaxF1 { get; } = new((double?)null);

    public static ThresholdPolicy PrecisionAtLeast(double target) => new(target);

    public string Name => TargetPrecision is { } p ? $"precision>={p.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}" : "max_f1";
}
