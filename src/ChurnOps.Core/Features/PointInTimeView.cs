namespace ChurnOps.Core.Features;

/// <summary>One view of a point-in-time join: its definition and the SQL type of its key in features.&lt;view&gt;.</summary>
public sealed record PointInTimeView(FeatureViewDefinition Definition, string KeySqlType);
