using System.Text;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Turns parsed clauses into SQL text made only of fixed table/column names and @p parameters; every value from
/// the filter is bound, so a filter cannot change the shape of the query. The same compiled query runs on SQLite and
/// PostgreSQL; only LIKE/ILIKE and the dataset context's JSON access differ (<see cref="TrackingDialect"/>).
/// </summary>
internal sealed class SearchSqlCompiler(SearchTarget target, TrackingDialect dialect)
{
    private const string DatasetContextTag = "mlflow.data.context";

    private readonly List<(string Name, object? Value)> _parameters = [];
    private readonly StringBuilder _joins = new();
    private int _joinCount;

    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    public string Joins => _joins.ToString();

    public string Bind(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }

    /// <summary>
    /// Splits a filter into a candidate set and a residual WHERE. Every clause that requires a metric/param/tag row
    /// becomes one indexed subquery and they are INTERSECTed, so a search visits only matching runs instead of
    /// testing every run of the experiment; attribute and IS NULL clauses stay in WHERE.
    /// </summary>
    public (string? Candidates, string Where) Compile(IReadOnlyList<SearchClause> clauses)
    {
        var candidates = new List<string>();
        // NaN metrics are stored as 0 with a flag; they never satisfy a numeric comparison.
        var residual = new List<string>();
        foreach (var clause in clauses)
        {
            if (clause.Entity == SearchEntity.Attribute || clause.Comparator == SearchComparator.IsNull)
            {
                residual.Add(Clause(clause));
                continue;
            }

            if (clause.Entity == SearchEntity.Dataset)
            {
                candidates.Add(DatasetCandidates(clause));
                continue;
            }

            candidates.Add(ChildCandidates(clause));
        }

        return (candidates.Count == 0 ? null : string.Join(" INTERSECT ", candidates), residual.Count == 0 ? "1 = 1" : string.Join(" AND ", residual));
    }

    /// <summary>
    /// The plan for "filter on metric M … order by M first" (the common "best runs" query): walk M's
    /// (key, is_nan, value) index in the requested direction and test every other clause per run with in-memory
    /// list lookups, so LIMIT stops the walk after one page instead of intersecting and sorting every candidate.
    /// Null when the first order term is not a metric that the filter also constrains; a constrained metric
    /// always exists and is not NaN, so the usual "missing sorts last" term is moot and the orders agree.
    /// </summary>
    public string? CompileDriven(IReadOnlyList<SearchClause> clauses, SearchOrder first, string alias)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(first);
        if (first.Entity != SearchEntity.Metric || target.MetricTable is null
            || !clauses.Any(c => c.Entity == SearchEntity.Metric && c.Key == first.Key))
        {
            return null;
        }

        var conditions = new List<string> { $"{alias}.key = {Bind(first.Key)}", $"{alias}.is_nan = 0" };
        foreach (var clause in clauses)
        {
            conditions.Add(clause switch
            {
                { Entity: SearchEntity.Metric } when clause.Key == first.Key => Compare($"{alias}.value", clause),
                { Entity: SearchEntity.Attribute } or { Comparator: SearchComparator.IsNull } => Clause(clause),
                // Each other clause becomes a list SQLite builds once from its (key, value) index, a sequential range
                // read, and probes in memory per walked row: cheaper than a B-tree probe of the child table per row.
                { Entity: SearchEntity.Dataset } => $"{alias}.{target.ChildKey} IN ({DatasetCandidates(clause)})",
                _ => $"{alias}.{target.ChildKey} IN ({ChildCandidates(clause)})",
            });
        }

        return string.Join(" AND ", conditions);
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
            // As MLflow's SQL store: values first in the requested direction, then NaN, then runs without the key,
            // whichever the direction (NaN is stored as 0 with is_nan set, so it must not sort by its value).
            terms.Add(order.Entity == SearchEntity.Metric
                ? $"(CASE WHEN {alias}.is_nan = 1 THEN 1 WHEN {alias}.value IS NULL THEN 2 ELSE 0 END), {alias}.value {direction}"
                : $"({alias}.value IS NULL), {alias}.value {direction}");
        }

        return string.Join(", ", terms);
    }

    /// <summary>
    /// Runs with at least one dataset input matching, as MLflow's SQL store reads datasets.X: name and digest are
    /// columns; context is the value of the input's mlflow.data.context tag, kept in the input's JSON tag list.
    /// </summary>
    private string DatasetCandidates(SearchClause clause)
    {
        var table = target.InputTable ?? throw new ArgumentException("Datasets are not searchable here.", nameof(clause));
        return clause.Key switch
        {
            "name" => $"SELECT {target.ChildKey} FROM {table} WHERE {Compare("name", clause)}",
            "digest" => $"SELECT {target.ChildKey} FROM {table} WHERE {Compare("digest", clause)}",
            "context" => $"SELECT i.{target.ChildKey} FROM {table} i, {dialect.JsonTags("i.tags", "t")} WHERE {dialect.JsonTagKey("t")} = {Bind(DatasetContextTag)} AND {Compare(dialect.JsonTagValue("t"), clause)}",
            _ => throw new ArgumentException($"Dataset key '{clause.Key}' is not searchable; the parser's schema and the store disagree.", nameof(clause)),
        };
    }

    /// <summary>The runs a metric/param/tag clause selects, read from the child table's (key, value) index.</summary>
    private string ChildCandidates(SearchClause clause)
    {
        var condition = clause.Comparator switch
        {
            SearchComparator.IsNotNull => string.Empty,
            _ when clause.Entity == SearchEntity.Metric => $" AND is_nan = 0 AND {Compare("value", clause)}",
            _ => $" AND {Compare("value", clause)}",
        };
        return $"SELECT {target.ChildKey} FROM {Table(clause.Entity)} WHERE key = {Bind(clause.Key)}{condition}";
    }

    /// <summary>A residual clause: an attribute comparison, or "has no such metric/param/tag" (IS NULL).</summary>
    private string Clause(SearchClause clause) => clause.Entity == SearchEntity.Attribute
        ? Compare(Column(clause.Key), clause)
        : $"{target.KeyColumn} NOT IN (SELECT {target.ChildKey} FROM {Table(clause.Entity)} WHERE key = {Bind(clause.Key)})";

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
            SearchComparator.Like => dialect.Like(column, Bind(dialect.LikePattern(clause.Text!))),
            SearchComparator.ILike => dialect.ILike(column, Bind(clause.Text)),
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
