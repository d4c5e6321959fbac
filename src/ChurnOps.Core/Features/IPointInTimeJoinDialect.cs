namespace ChurnOps.Core.Features;

/// <summary>
/// Writes the point-in-time join of entity rows with feature views as one query in the warehouse's SQL dialect (Feast
/// semantics): per entity row and view, the latest feature row at or before the row's <see cref="EntityTimestamp"/>,
/// within the view's TTL, else nulls. Entity rows keep their order, count and columns.
/// </summary>
public interface IPointInTimeJoinDialect
{
    /// <summary>The entity rows' column that holds the time each label was observed.</summary>
    const string EntityTimestamp = "event_timestamp";

    string Build(string entitySql, IReadOnlyList<string> entityColumns, IReadOnlyList<PointInTimeView> views);
}
