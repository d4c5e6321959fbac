namespace ChurnOps.Platform.Features;

/// <summary>What apply did to one view; <see cref="BreakingChanges"/> and <see cref="ServingModels"/> explain a refusal.</summary>
public sealed record FeatureViewApplyOutcome(
    string View,
    string Version,
    string? PreviousVersion,
    FeatureViewApplyStatus Status,
    IReadOnlyList<string> BreakingChanges,
    IReadOnlyList<string> ServingModels);
