using System.Globalization;
using System.Text;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>
/// Writes the point-in-time join as one DuckDB query (Feast semantics): for each entity row and view, the feature
/// row with the same key and the latest event timestamp ≤ the entity's event_timestamp (ASOF join), kept only when
/// it is no older than the view's TTL (≥ entity_ts − TTL); otherwise the features are null. Entity rows keep their
/// order, count and columns. Ties on event timestamp never reach the join: builds keep one row per (key, timestamp),
/// the latest created.
/// </summary>
internal static class PointInTimeJoinSql
{
    public const string EntityTimestamp = "event_timestamp";
    private const string RowColumn = "__churnops_row";

    /// <summary>One view to join: its definition and the SQL type of its key in features.&lt;view&gt;.</summary>
    public sealed record JoinedView(FeatureViewDefinition Definition, string KeySqlType);

    public static string Build(string entitySql, IReadOnlyList<string> entityColumns, IReadOnlyList<JoinedView> views)
    {
        // Two steps per view. The ASOF join carries only (key, timestamp, rowid): it sorts both sides, and every byte of
        // payload it carries through that sort costs time (carrying the features made it several times slower). The
        // TTL bound turns a too-old match into a null rowid, and the features are then fetched by rowid with a hash
        // join whose build side is the matched entity rows.
        var sql = new StringBuilder();
        sql.Append("WITH __entities AS (SELECT * REPLACE (CAST(").Append(SqlIdentifier.Quote(EntityTimestamp)).Append(" AS TIMESTAMP) AS ")
            .Append(SqlIdentifier.Quote(EntityTimestamp)).Append("), row_number() OVER () AS ").Append(RowColumn)
            .Append(" FROM (").Append(entitySql.Trim().TrimEnd(';')).Append(") __e),\n__matched AS (SELECT e.*");
        for (var i = 0; i < views.Count; i++)
        {
            var alias = Alias("v", i);
            var ttlSeconds = ((long)views[i].Definition.Ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            // The ASOF join already guarantees ts <= entity ts; the TTL bound is inclusive, as in Feast.
            sql.Append(", CASE WHEN ").Append(alias).Append(".__ts >= e.").Append(SqlIdentifier.Quote(EntityTimestamp))
                .Append(" - INTERVAL ").Append(ttlSeconds).Append(" SECOND THEN ").Append(alias).Append(".__rid END AS ").Append(Alias("__rid", i));
        }

        sql.Append("\n  FROM __entities e");
        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i].Definition;
            var alias = Alias("v", i);
            sql.Append("\n  ASOF LEFT JOIN (SELECT ").Append(SqlIdentifier.Quote(view.Entity)).Append(" AS __key, ")
                .Append(SqlIdentifier.Quote(view.TimestampColumn)).Append(" AS __ts, rowid AS __rid")
                .Append(" FROM ").Append(SqlIdentifier.Qualified("features", view.Name)).Append(") ").Append(alias)
                .Append(" ON CAST(e.").Append(SqlIdentifier.Quote(view.Entity)).Append(" AS ").Append(views[i].KeySqlType).Append(") = ").Append(alias).Append(".__key")
                .Append(" AND e.").Append(SqlIdentifier.Quote(EntityTimestamp)).Append(" >= ").Append(alias).Append(".__ts");
        }

        sql.Append(")\nSELECT ");
        sql.Append(string.Join(", ", entityColumns.Select(c => "m." + SqlIdentifier.Quote(c))));
        for (var i = 0; i < views.Count; i++)
        {
            foreach (var feature in views[i].Definition.FeatureNames)
            {
                sql.Append(", ").Append(Alias("f", i)).Append('.').Append(SqlIdentifier.Quote(feature)).Append(" AS ").Append(SqlIdentifier.Quote(feature));
            }
        }

        sql.Append("\nFROM __matched m");
        for (var i = 0; i < views.Count; i++)
        {
            sql.Append("\nLEFT JOIN ").Append(SqlIdentifier.Qualified("features", views[i].Definition.Name)).Append(' ').Append(Alias("f", i))
                .Append(" ON ").Append(Alias("f", i)).Append(".rowid = m.").Append(Alias("__rid", i));
        }

        sql.Append("\nORDER BY m.").Append(RowColumn);
        return sql.ToString();
    }

    private static string Alias(string prefix, int index) => prefix + index.ToString(CultureInfo.InvariantCulture);
}
