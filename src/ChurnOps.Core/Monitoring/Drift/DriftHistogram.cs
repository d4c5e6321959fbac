namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// Both distributions of a column on the same bins. Numeric columns have <see cref="Edges"/> (bins + 1 edges, every bin
/// [left, right) except the last, which is closed); categorical ones have <see cref="Categories"/>.
/// </summary>
public sealed record DriftHistogram(
    IReadOnlyList<double>? Edges,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<long> ReferenceCounts,
    IReadOnlyList<long> CurrentCounts);
