namespace ChurnOps.Platform.Registry.Cards;

/// <summary>
/// The decision threshold: the one the model serves at (and the policy that chose it), and the operating point of the
/// precision target (chosen on validation like training does, measured on test), with what each gives.
/// </summary>
public sealed record ModelCardThresholdPolicy(
    string ServingPolicy,
    double ServingThreshold,
    double TargetPrecision,
    double TargetThreshold,
    bool TargetMet,
    double? Precision,
    ModelCardInterval? PrecisionInterval,
    double? Recall,
    ModelCardInterval? RecallInterval,
    string Statement);
