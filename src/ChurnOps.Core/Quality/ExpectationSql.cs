using ChurnOps.Core.Warehouse;
using System.Globalization;

namespace ChurnOps.Core.Quality;

/// <summary>
/// Compiles expectations to SQL over one table: a metrics query (one row) and, for column-map expectations, a query for
/// up to 20 unexpected values. The SQL is standard enough for DuckDB and PostgreSQL; names arrive quoted.
/// </summary>
public static class ExpectationSql
{
    /// <summary>The condition under which a non-null row is unexpected, or null for expectations that are not column maps.</summary>
    public static string? UnexpectedCondition(Expectation e, string table, Func<string, string> quote, bool textColumn = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(quote);
        var column = e.Column is null ? null : quote(e.Column);
        return e.Type switch
        {
            ExpectationType.NotNull => $"{column} IS NULL",
            ExpectationType.Unique => $"{column} IN (SELECT {column} FROM {table} WHERE {column} IS NOT NULL GROUP BY {column} HAVING count(*) > 1)",
            ExpectationType.Between => $"NOT ({Bounds(column!, e)})",
            ExpectationType.InSet => $"{column} NOT IN ({Values(e.ValueSet, textColumn)})",
            ExpectationType.NotInSet => $"{column} IN ({Values(e.ValueSet, textColumn)})",
            ExpectationType.MatchRegex => $"NOT regexp_matches(CAST({column} AS VARCHAR), {Literal(e.Regex ?? string.Empty)})",
            ExpectationType.NotMatchRegex => $"regexp_matches(CAST({column} AS VARCHAR), {Literal(e.Regex ?? string.Empty)})",
            ExpectationType.LengthsBetween => $"NOT ({Bounds($"length(CAST({column} AS VARCHAR))", e)})",
            ExpectationType.CompoundUnique => CompoundCondition(e, table, quote),
            _ => null,
        };
    }

    /// <summary>The "missing" test of a column-map expectation: a null column, or (compound) all columns null.</summary>
    public static string MissingCondition(Expectation e, Func<string, string> quote)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(quote);
        return e.Type == ExpectationType.CompoundUnique
            ? string.Join(" AND ", e.Columns!.Select(c => quote(c) + " IS NULL"))
            : quote(e.Column!) + " IS NULL";
    }

    /// <summary>SELECT element_count, missing_count, unexpected_count for a column-map expectation.</summary>
    public static string ColumnMapMetrics(Expectation e, string table, Func<string, string> quote, bool textColumn = false)
    {
        var missing = MissingCondition(e, quote);
        var unexpected = UnexpectedCondition(e, table, quote, textColumn)!;
        var counted = e.Type == ExpectationType.NotNull ? unexpected : $"NOT ({missing}) AND ({unexpected})";
        return $"SELECT count(*) AS element_count, count(*) FILTER (WHERE {missing}) AS missing_count, count(*) FILTER (WHERE {counted}) AS unexpected_count FROM {table}";
    }

    /// <summary>Up to <paramref name="limit"/> unexpected values (for compound keys, the key as text).</summary>
    public static string PartialUnexpected(Expectation e, string table, Func<string, string> quote, bool textColumn = false, int limit = 20)
    {
        var missing = MissingCondition(e, quote);
        var unexpected = UnexpectedCondition(e, table, quote, textColumn)!;
        var counted = e.Type == ExpectationType.NotNull ? unexpected : $"NOT ({missing}) AND ({unexpected})";
        var value = e.Type == ExpectationType.CompoundUnique
            ? "concat_ws(', ', " + string.Join(", ", e.Columns!.Select(c => $"CAST({quote(c)} AS VARCHAR)")) + ")"
            : quote(e.Column!);
        return $"SELECT {value} AS v FROM {table} WHERE {counted} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The observed aggregate of an aggregate expectation (sample standard deviation, interpolated median, as pandas).</summary>
    public static string AggregateMetric(Expectation e, string table, Func<string, string> quote)
    {
        ArgumentNullException.ThrowIfNull(e);
        var column = e.Column is null ? null : quote(e.Column);
        var aggregate = e.Type switch
        {
            ExpectationType.MeanBetween => $"avg(CAST({column} AS DOUBLE PRECISION))",
            ExpectationType.MinBetween => $"CAST(min({column}) AS DOUBLE PRECISION)",
            ExpectationType.MaxBetween => $"CAST(max({column}) AS DOUBLE PRECISION)",
            ExpectationType.MedianBetween => $"percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST({column} AS DOUBLE PRECISION))",
            ExpectationType.StdevBetween => $"stddev_samp(CAST({column} AS DOUBLE PRECISION))",
            ExpectationType.RowCountBetween => "CAST(count(*) AS DOUBLE PRECISION)",
            _ => throw new ArgumentException($"{e.Type} is not an aggregate expectation", nameof(e)),
        };
        return $"SELECT {aggregate} AS observed FROM {table}";
    }

    private static string CompoundCondition(Expectation e, string table, Func<string, string> quote)
    {
        var columns = e.Columns!.Select(quote).ToList();
        var tuple = "(" + string.Join(", ", columns) + ")";
        var list = string.Join(", ", columns);
        // Rows whose whole key is null are "missing"; a partly-null key is compared like any other value.
        return $"{tuple} IN (SELECT {tuple} FROM {table} GROUP BY {list} HAVING count(*) > 1)";
    }

    private static string Bounds(string value, Expectation e)
    {
        var parts = new List<string>();
        if (e.MinValue is { } min)
        {
            parts.Add($"{value} {(e.StrictMin ? ">" : ">=")} {Number(min)}");
        }

        if (e.MaxValue is { } max)
        {
            parts.Add($"{value} {(e.StrictMax ? "<" : "<=")} {Number(max)}");
        }

        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
    }

    /// <summary>Numbers stay numbers for numeric columns (1 matches 1.0); a text column compares text.</summary>
    private static string Values(IReadOnlyList<string>? values, bool textColumn)
    {
        if (values is null || values.Count == 0)
        {
            return "NULL";
        }

        return string.Join(", ", values.Select(v => !textColumn && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Number(d) : Literal(v)));
    }

    private static string Number(double value) => SqlNumber.Double(value);

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
