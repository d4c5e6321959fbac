using ChurnOps.Core.Features;

namespace ChurnOps.Platform.Features;

/// <summary>What `features show` prints for a view: its definition, last build with statistics, and online state.</summary>
public sealed record FeatureViewSummary(
    RegisteredFeatureView Registered,
    FeatureBuild? LastBuild,
    IReadOnlyList<FeatureStatistics> Statistics,
    MaterializationState? Materialization);
