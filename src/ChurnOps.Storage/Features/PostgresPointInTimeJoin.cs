using System.Globalization;
using System.Text;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse.Postgres;

namespace ChurnOps.Storage.Features;

/// <summary>
/// The point-in-time join for PostgreSQL, with the semantics of <see cref="DuckDbPointInTimeJoin"/> (Feast's): per entity
/// row and view, a LATERAL lookup of the latest feature row with the same key and timestamp ≤ the entity's
/// event_timestamp (ORDER BY ts DESC LIMIT 1, an index scan on the (key, ts) index the feature build creates), kept only
/// when no older than the view's TTL; otherwise the features are null. Entity rows keep their order, count and columns,
/// event_timestamp as TIMESTAMP. Ties on timestamp never reach the join: builds keep one row per (key, timestamp).
/// </summary>
public sealed class PostgresPointInTimeJoin : IPointInTimeJoinDialect
{
    private const string EntityTimestamp = IPointInTimeJoinDialect.EntityTimestamp;
    private const string RowColumn = "__churnops_row";
    private const string TimestampColumn = "__churnops_ts";

    private static readonly PostgresWarehouseDialect Dialect = new();

    public string Build(string entitySql, IReadOnlyList<string> entityColumns, IReadOnlyList<PointInTimeView> views)
    {
        ArgumentNullException.ThrowIfNull(entitySql);
        ArgumentNullException.ThrowIfNull(entityColumns);
        ArgumentNullException.ThrowIfNull(views);
        var sql = new StringBuilder();
        sql.Append("WITH __entities AS (SELECT __e.*, CAST(__e.").Append(SqlIdentifier.Quote(EntityTimestamp)).Append(" AS TIMESTAMP) AS ").Append(TimestampColumn)
            .Append(", row_number() OVER () AS ").Append(RowColumn)
            .Append(" FROM (").Append(entitySql.Trim().TrimEnd(';')).Append(") __e)\nSELECT ");
        sql.Append(string.Join(", ", entityColumns.Select(c => c == EntityTimestamp
            ? $"e.{TimestampColumn} AS {SqlIdentifier.Quote(c)}"
            : "e." + SqlIdentifier.Quote(c))));
        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i].Definition;
            var alias = "v" + i.ToString(CultureInfo.InvariantCulture);
            var ttlSeconds = ((long)view.Ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            foreach (var feature in view.FeatureNames)
            {
                // The lookup already guarantees ts <= entity ts; the TTL bound is inclusive, as in Feast.
                sql.Append(",\n  CASE WHEN ").Append(alias).Append(".__ts >= e.").Append(TimestampColumn)
                    .Append(" - INTERVAL '").Append(ttlSeconds).Append(" seconds' THEN ").Append(alias).Append('.').Append(SqlIdentifier.Quote(feature))
                    .Append(" END AS ").Append(SqlIdentifier.Quote(feature));
            }
        }

        sql.Append("\nFROM __entities e");
        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i].Definition;
            var alias = "v" + i.ToString(CultureInfo.InvariantCulture);
            var key = SqlIdentifier.Quote(view.Entity);
            var ts = SqlIdentifier.Quote(view.TimestampColumn);
            sql.Append("\nLEFT JOIN LATERAL (SELECT f.").Append(ts).Append(" AS __ts, ")
                .Append(string.Join(", ", view.FeatureNames.Select(n => "f." + SqlIdentifier.Quote(n))))
                .Append(" FROM ").Append(SqlIdentifier.Qualified("features", view.Name)).Append(" f")
                .Append(" WHERE f.").Append(key).Append(" = CAST(e.").Append(key).Append(" AS ").Append(Dialect.TypeName(views[i].KeySqlType)).Append(')')
                .Append(" AND f.").Append(ts).Append(" <= e.").Append(TimestampColumn)
                .Append(" ORDER BY f.").Append(ts).Append(" DESC LIMIT 1) ").Append(alias).Append(" ON TRUE");
        }

        sql.Append("\nORDER BY e.").Append(RowColumn);
        return sql.ToString();
    }
}
