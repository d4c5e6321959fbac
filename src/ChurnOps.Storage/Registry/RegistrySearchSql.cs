using System.Data.Common;
using System.Globalization;
using System.Text;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Registry;

/// <summary>
/// Turns a parsed registry filter into SQL with parameters. LIKE is case-sensitive and ILIKE is not, as in MLflow,
/// on either engine (<see cref="TrackingDialect.Like"/>).
/// </summary>
internal static class RegistrySearchSql
{
    /// <summary>WHERE and ORDER BY for models (alias m) or versions (alias v).</summary>
    public static string Build(RegistryQuery query, bool versions, DbCommand command, TrackingDialect dialect)
    {
        var where = new List<string>();
        var name = versions ? "v.model_name" : "m.name";
        for (var i = 0; i < query.Filter.Count; i++)
        {
            var clause = query.Filter[i];
            var p = "@f" + i.ToString(CultureInfo.InvariantCulture);
            switch (clause.Field)
            {
                case "name":
                    where.Add(Compare(name, clause, p, command, dialect));
                    break;
                case "run_id":
                    where.Add(Compare("v.run_id", clause, p, command, dialect));
                    break;
                case "source_path":
                    where.Add(Compare("COALESCE(v.source, v.artifact_path)", clause, p, command, dialect));
                    break;
                case "version_number":
                    TrackingSql.Add(command, p, int.Parse(clause.Values[0], CultureInfo.InvariantCulture));
                    where.Add($"v.version {clause.Operator} {p}");
                    break;
                default:
                    TrackingSql.Add(command, p + "k", clause.TagKey ?? string.Empty);
                    where.Add(versions
                        ? $"EXISTS (SELECT 1 FROM model_version_tags t WHERE t.model_name = v.model_name AND t.version = v.version AND t.key = {p}k AND {Compare("t.value", clause, p, command, dialect)})"
                        : $"EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.model_name = m.name AND t.key = {p}k AND {Compare("t.value", clause, p, command, dialect)})");
                    break;
            }
        }

        var sql = new StringBuilder();
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        var order = query.OrderBy.Select(o => Column(o.Field, versions) + (o.Descending ? " DESC" : " ASC")).ToList();
        order.Add(name + " ASC");
        if (versions)
        {
            order.Add("v.version DESC");
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", order);
        sql.Append(" LIMIT @limit OFFSET @offset");
        TrackingSql.Add(command, "@limit", query.MaxResults + 1);
        TrackingSql.Add(command, "@offset", query.Offset);
        return sql.ToString();
    }

    private static string Column(string field, bool versions) => (field, versions) switch
    {
        ("name", true) => "v.model_name",
        ("name", false) => "m.name",
        ("version_number", _) => "v.version",
        ("creation_timestamp", true) => "v.created_at",
        ("creation_timestamp", false) => "m.created_at",
        (_, true) => "COALESCE(v.updated_at, v.created_at)",
        _ => "COALESCE(m.updated_at, m.created_at)",
    };

    private static string Compare(string column, RegistryFilterClause clause, string p, DbCommand command, TrackingDialect dialect)
    {
        switch (clause.Operator)
        {
            case "IN":
                var names = new List<string>();
                for (var i = 0; i < clause.Values.Count; i++)
                {
                    var item = p + "_" + i.ToString(CultureInfo.InvariantCulture);
                    TrackingSql.Add(command, item, clause.Values[i]);
                    names.Add(item);
                }

                return $"{column} IN ({string.Join(", ", names)})";
            case "LIKE":
                TrackingSql.Add(command, p, dialect.LikePattern(clause.Values[0]));
                return dialect.Like(column, p);
            case "ILIKE":
                TrackingSql.Add(command, p, clause.Values[0]);
                return dialect.ILike(column, p);
            default:
                TrackingSql.Add(command, p, clause.Values[0]);
                return $"{column} {clause.Operator} {p}";
        }
    }
}
