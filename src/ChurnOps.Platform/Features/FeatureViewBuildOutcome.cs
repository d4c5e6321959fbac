using ChurnOps.Core.Features;

namespace ChurnOps.Platform.Features;

/// <summary>One view's build: rows written in the window, rows now in the table, rows dropped for a null key or timestamp.</summary>
public sealed record FeatureViewBuildOutcome(
    string View,
    string Version,
    string Table,
    long BuildId,
    long RowsWritten,
    long TableRows,
    long RowsDropped,
    IReadOnlyList<FeatureStatistics> Statistics);
