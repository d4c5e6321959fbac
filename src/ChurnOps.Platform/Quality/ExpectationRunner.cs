using ChurnOps.Core.Data;
using ChurnOps.Core.Quality;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Quality;

/// <summary>
/// Runs an expectation suite against a warehouse table: every expectation is one or two SQL queries pushed down to the
/// warehouse (nothing row by row in .NET), and the counts are turned into GE-shaped results.
/// </summary>
public sealed class ExpectationRunner(IWarehouse warehouse)
{
    public async Task<SuiteResult> RunAsync(string suite, string schema, string table, IReadOnlyList<Expectation> expectations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        var qualified = SqlIdentifier.Qualified(schema, table);
        var columns = await warehouse.DescribeAsync(schema, table, ct).ConfigureAwait(false);
        var results = new List<ExpectationResult>(expectations.Count);
        foreach (var expectation in expectations)
        {
            results.Add(await RunOneAsync(expectation, qualified, columns, ct).ConfigureAwait(false));
        }

        return SuiteResult.Of(suite, $"{schema}.{table}", results);
    }

    private async Task<ExpectationResult> RunOneAsync(Expectation e, string table, IReadOnlyList<WarehouseColumn> columns, CancellationToken ct)
    {
        if (!ExpectationType.IsKnown(e.Type))
        {
            return ExpectationOutcome.Failed(e, $"unknown expectation type '{e.Type}'");
        }

        if (columns.Count == 0)
        {
            return ExpectationOutcome.Failed(e, $"table {table} does not exist");
        }

        var named = e.Columns ?? (e.Column is null ? [] : [e.Column]);
        var missing = named.FirstOrDefault(n => !columns.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)));
        if (e.Type == ExpectationType.ColumnToExist)
        {
            return new ExpectationResult { Expectation = e, Success = missing is null && e.Column is not null };
        }

        if (missing is not null)
        {
            return ExpectationOutcome.Failed(e, $"column '{missing}' not found in {table}");
        }

        if (e.Type is not ExpectationType.RowCountBetween and not ExpectationType.SqlQueryResult && named.Count == 0)
        {
            return ExpectationOutcome.Failed(e, "the expectation names no column");
        }

        var column = e.Column is null ? null : columns.First(c => string.Equals(c.Name, e.Column, StringComparison.OrdinalIgnoreCase));
        if (e.Type == ExpectationType.SqlQueryResult)
        {
            return await RunSqlAsync(e, table, column?.Name, ct).ConfigureAwait(false);
        }

        if (e.Type == ExpectationType.OfType)
        {
            var expected = WarehouseTypeNames.Normalize(e.TypeName ?? string.Empty);
            var actual = WarehouseTypeNames.Normalize(column!.SqlType);
            return new ExpectationResult { Expectation = e, Success = expected == actual, ObservedValue = column.SqlType };
        }

        if (ExpectationType.Aggregate.Contains(e.Type))
        {
            var data = await warehouse.QueryAsync(ExpectationSql.AggregateMetric(e, table, SqlIdentifier.Quote), ct).ConfigureAwait(false);
            var observed = data.RowCount == 0 || data.Columns[0].IsMissing(0) ? (double?)null : Number(data, 0);
            return ExpectationOutcome.Aggregate(e, observed);
        }

        var text = column is not null && WarehouseTypeNames.Normalize(column.SqlType) == "VARCHAR";
        var metrics = await warehouse.QueryAsync(ExpectationSql.ColumnMapMetrics(e, table, SqlIdentifier.Quote, text, warehouse.Dialect), ct).ConfigureAwait(false);
        var element = (long)Number(metrics, 0);
        var missingCount = (long)Number(metrics, 1);
        var unexpected = (long)Number(metrics, 2);
        IReadOnlyList<object?> partial = [];
        if (unexpected > 0)
        {
            var values = await warehouse.QueryAsync(ExpectationSql.PartialUnexpected(e, table, SqlIdentifier.Quote, text, dialect: warehouse.Dialect), ct).ConfigureAwait(false);
            partial = Enumerable.Range(0, values.RowCount).Select(i => Value(values.Columns[0], i)).ToList();
        }

        return ExpectationOutcome.ColumnMap(e, element, missingCount, unexpected, partial);
    }

    /// <summary>A contract's sql rule: its placeholders filled, run read-only, the number compared; every failure is a failed result.</summary>
    private async Task<ExpectationResult> RunSqlAsync(Expectation e, string table, string? column, CancellationToken ct)
    {
        if (warehouse is not IReadOnlyQueries queries)
        {
            return ExpectationOutcome.Failed(e, "this warehouse cannot run contract SQL read-only; the rule was not run");
        }

        if (e.Query is null || e.Comparison is null)
        {
            return ExpectationOutcome.Failed(e, "a sql rule needs a query and a comparison");
        }

        var (sql, placeholderError) = SqlQualityPlaceholders.Expand(e.Query, table, column is null ? null : SqlIdentifier.Quote(column));
        if (placeholderError is not null)
        {
            return ExpectationOutcome.Failed(e, placeholderError);
        }

        var measured = await queries.QueryNumberAsync(sql, ct).ConfigureAwait(false);
        if (measured.Value is not { } value)
        {
            return ExpectationOutcome.Failed(e, measured.Error ?? "the query returned no value");
        }

        return new ExpectationResult { Expectation = e, Success = e.Comparison.IsSatisfiedBy(value), ObservedValue = value };
    }

    private static double Number(TabularData data, int column) => data.Columns[column].Numbers![0];

    private static object? Value(TabularColumn column, int row)
    {
        if (column.IsMissing(row))
        {
            return null;
        }

        return column.Texts is { } texts ? texts[row] : column.Numbers![row];
    }
}
