using System.Text;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Turns parsed clauses into SQL text made only of fixed table/column names and $p parameters; every value from
/// the filter is bound, so a filter cannot change the shape of the query.
/// </summary>
internal sealed class SearchSqlCompiler(SearchTarget target)
{
    private readonly List<(string Name, object? Value)> _parameters = [];
    private readonly StringBuilder _joins = new();
    private int _joinCount;

    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    public string Joins => _joins.ToString();

    public string Bind(object? value)
    {
        var name = "$p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }

    public string Where(IReadOnlyList<SearchClause> clauses)
    {
        var parts = new List<string>(clauses.Count);
        foreach (var clause in clauses)
        {
            parts.Add(Clause(clause));
        }

        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }

    /// <summary>ORDER BY terms; rows without the metric/param/tag sort last in either direction, as in MLflow.</summary>
    public string OrderBy(IReadOnlyList<SearchOrder> orders)
    {
        var terms = new List<string>();
        foreach (var order in orders)
        {
            var direction = order.Ascending ? "ASC" : "DESC";
            if (order.Entity == SearchEntity.Attribute)
            {
                var column = Column(order.Key);
                terms.Add($"({column} IS NULL), {column} {direction}");
                continue;
            }

            var table = Table(order.Entity);
            var alias = "o" + _joinCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _joinCount++;
            _joins.Append(System.Globalization.CultureInfo.InvariantCulture, $" LEFT JOIN {table} {alias} ON {alias}.{target.ChildKey} = {target.KeyColumn} AND {alias}.key = {Bind(order.Key)}");
            terms.Add($"({alias}.value IS NULL), {alias}.value {direction}");
        }

        return string.Join(", ", terms);
    }

    private string Clause(SearchClause clause)
    {
        if (clause.Entity == SearchEntity.Attribute)
        {
            return Compare(Column(clause.Key), clause);
        }

        var table = Table(clause.Entity);
        var key = Bind(clause.Key);
        return clause.Comparator switch
        {
            SearchComparator.IsNull => $"{target.KeyColumn} NOT IN (SELECT {target.ChildKey} FROM {table} WHERE key = {key})",
            SearchComparator.IsNotNull => $"{target.KeyColumn} IN (SELECT {target.ChildKey} FROM {table} WHERE key = {key})",
            // NaN metrics are stored as 0 with a flag; they never satisfy a numeric comparison.
            _ when clause.Entity == SearchEntity.Metric => $"{target.KeyColumn} IN (SELECT {target.ChildKey} FROM {table} WHERE key = {key} AND is_nan = 0 AND {Compare("value", clause)})",
            _ => $"{target.KeyColumn} IN (SELECT {target.ChildKey} FROM {table} WHERE key = {key} AND {Compare("value", clause)})",
        };
    }

    private string Compare(string column, SearchClause clause)
    {
        object? value = clause.Number is { } number ? number : clause.Text;
        return clause.Comparator switch
        {
            SearchComparator.Equal => $"{column} = {Bind(value)}",
            SearchComparator.NotEqual => $"{column} != {Bind(value)}",
            SearchComparator.Less => $"{column} < {Bind(value)}",
            SearchComparator.LessOrEqual => $"{column} <= {Bind(value)}",
            SearchComparator.Greater => $"{column} > {Bind(value)}",
            SearchComparator.GreaterOrEqual => $"{column} >= {Bind(value)}",
            SearchComparator.Like => $"{column} GLOB {Bind(TrackingSql.LikeToGlob(clause.Text!))}",
            SearchComparator.ILike => $"lower({column}) LIKE lower({Bind(clause.Text)})",
            SearchComparator.In => $"{column} IN ({string.Join(", ", clause.List!.Select(v => Bind(v)))})",
            SearchComparator.NotIn => $"{column} NOT IN ({string.Join(", ", clause.List!.Select(v => Bind(v)))})",
            SearchComparator.IsNull => $"{column} IS NULL",
            _ => $"{column} IS NOT NULL",
        };
    }

    private string Column(string attribute) =>
        target.AttributeColumns.TryGetValue(attribute, out var column)
            ? column
            : throw new ArgumentException($"Attribute '{attribute}' has no column; the parser's schema and the store's target disagree.", nameof(attribute));

    private string Table(SearchEntity entity) => entity switch
    {
        SearchEntity.Metric => target.MetricTable,
        SearchEntity.Param => target.ParamTable,
        SearchEntity.Tag => target.TagTable,
        _ => null,
    } ?? throw new ArgumentException($"Entity {entity} is not searchable here.", nameof(entity));
}
