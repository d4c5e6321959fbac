using System.Globalization;
using System.Text;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Features;

/// <summary>
/// Writes the point-in-time join as one DuckDB query (Feast semantics): for each entity row and view, the feature
/// row with the same key and the latest event timestamp ≤ the entity's event_timestamp (ASOF join), kept only when
/// it is no older than the view's TTL (≥ entity_ts − TTL); otherwise the features are null. Entity rows keep their
/// order, count and columns. Ties on event timestamp never reach the join: builds keep one row per (key, timestamp),
/// the latest created.
/// </summary>
public sealed class DuckDbPointInTimeJoin : IPointInTimeJoinDialect
{
    private const string EntityTimestamp = IPointInTimeJoinDialect.EntityTimestamp;
    private const string RowColumn = "__churnops_row";

    public string Build(string entitySql, IReadOnlyList<string> entityColumns, IReadOnlyList<PointInTimeView> views)
    {
        ArgumentNullException.ThrowIfNull(entitySql);
        ArgumentNullException.ThrowIfNull(entityColumns);
        ArgumentNullException.ThrowIfNull(views);
        var sql = new StringBuilder();
        sql.Append("WITH __entities AS (SELECT * REPLACE (CAST(").Append(SqlIdentifier.Quote(EntityTimestamp)).Append(" AS TIMESTAMP) AS ")
            .Append(SqlIdentifier.Quote(EntityTimestamp)).Append("), row_number() OVER () AS ").Append(RowColumn)
            .Append(" FROM (").Append(entitySql.Trim().TrimEnd(';')).Append(") __e)\nSELECT ");
        sql.Append(string.Join(", ", entityColumns.Select(c => "e." + SqlIdentifier.Quote(c))));
        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i].Definition;
            var alias = "v" + i.ToString(CultureInfo.InvariantCulture);
            var ttlSeconds = ((long)view.Ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            foreach (var feature in view.FeatureNames)
            {
                // The ASOF join already guarantees ts <= entity ts; the TTL bound is inclusive, as in Feast.
                sql.Append(",\n  CASE WHEN ").Append(alias).Append(".__ts >= e.").Append(SqlIdentifier.Quote(EntityTimestamp))
                    .Append(" - INTERVAL ").Append(ttlSeconds).Append(" SECOND THEN ").Append(alias).Append('.').Append(SqlIdentifier.Quote(feature))
                    .Append(" END AS ").Append(SqlIdentifier.Quote(feature));
            }
        }

        sql.Append("\nFROM __entities e");
        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i].Definition;
            var alias = "v" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append("\nASOF LEFT JOIN (SELECT ").Append(SqlIdentifier.Quote(view.Entity)).Append(" AS __key, ")
                .Append(SqlIdentifier.Quote(view.TimestampColumn)).Append(" AS __ts, ")
                .Append(string.Join(", ", view.FeatureNames.Select(SqlIdentifier.Quote)))
                .Append(" FROM ").Append(SqlIdentifier.Qualified("features", view.Name)).Append(") ").Append(alias)
                .Append(" ON CAST(e.").Append(SqlIdentifier.Quote(view.Entity)).Append(" AS ").Append(views[i].KeySqlType).Append(") = ").Append(alias).Append(".__key")
                .Append(" AND e.").Append(SqlIdentifier.Quote(EntityTimestamp)).Append(" >= ").Append(alias).Append(".__ts");
        }

        sql.Append("\nORDER BY e.").Append(RowColumn);
        return sql.ToString();
    }
}
