namespace ChurnOps.Core.Features;

/// <summary>One run of a view's SQL into features.&lt;view&gt;; From/To bound the rebuilt event-time window (null = all).</summary>
public sealed record FeatureBuild(
    long Id,
    string View,
    string Version,
    DateTimeOffset? From,
    DateTimeOffset? To,
    long RowsWritten,
    long TableRows,
    DateTimeOffset BuiltAt);
