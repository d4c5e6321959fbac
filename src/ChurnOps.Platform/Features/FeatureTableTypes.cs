using System.Globalization;
using System.Text.RegularExpressions;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>
/// The column types of features.&lt;view&gt;: a feature that declares a type (logical_type / physical_type) is stored
/// in it when the SQL's values fit it exactly (any number fits DOUBLE: the nearest double is what "number" means);
/// otherwise the build fails naming the feature and a value. An undeclared feature keeps the SQL's type in its
/// narrowest exact-enough form: 128-bit integers (what SUM of BIGINT gives) as DOUBLE for readers, and DECIMALs wider
/// than 18 digits (128-bit in DuckDB, e.g. BIGINT * 1.0) as DOUBLE when every unscaled value is below 2^52. Such a
/// decimal is then an exact integer over a power of ten, which DuckDB's cast and .NET's decimal-to-double conversion
/// both turn into the same correctly rounded double, so readers get the very numbers they got from the DECIMAL, from a
/// column that scans and joins about twice as fast. No value passes through text on the way.
/// </summary>
internal static partial class FeatureTableTypes
{
    /// <summary>The SELECT list that turns the stage table's columns into the stored ones, or why it cannot.</summary>
    public static async Task<(string? Projection, string? Error)> ProjectionAsync(IWarehouse warehouse, FeatureViewDefinition view, string stage, CancellationToken cancellationToken)
    {
        var table = SqlIdentifier.Qualified("features", stage);
        var columns = await warehouse.DescribeAsync("features", stage, cancellationToken).ConfigureAwait(false);
        var declared = view.Features.Where(f => f.StorageType is not null).ToDictionary(f => f.Name, f => f.StorageType!, StringComparer.OrdinalIgnoreCase);
        var casts = new Dictionary<string, string>(StringComparer.Ordinal);

        // Declared types: the right kind of value first, then one scan counting values the type would change.
        var checks = new List<(string Column, string Condition)>();
        foreach (var column in columns)
        {
            if (!declared.TryGetValue(column.Name, out var type))
            {
                continue;
            }

            var source = KindOf(column.SqlType);
            if (source != KindOf(type))
            {
                return (null, $"{view.Name}: feature '{column.Name}' is declared {type} but its SQL gives {column.SqlType}; cast it in the SQL");
            }

            if (string.Equals(column.SqlType, type, StringComparison.Ordinal))
            {
                continue;
            }

            casts[column.Name] = type;
            if (!(type == "DOUBLE" && source == "number"))
            {
                checks.Add((column.Name, DoesNotFit(warehouse.Dialect, SqlIdentifier.Quote(column.Name), column.SqlType, type, source)));
            }
        }

        if (checks.Count > 0)
        {
            var counts = await warehouse.QueryAsync($"SELECT {string.Join(", ", checks.Select((c, i) => $"count(*) FILTER (WHERE {c.Condition}) AS n{i}"))} FROM {table}", cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < checks.Count; i++)
            {
                var bad = counts.Columns[i].Numbers![0];
                if (bad > 0)
                {
                    // The smallest such value, so the message is the same every run.
                    var example = await warehouse.ScalarAsync($"SELECT CAST({SqlIdentifier.Quote(checks[i].Column)} AS VARCHAR) FROM {table} WHERE {checks[i].Condition} ORDER BY {SqlIdentifier.Quote(checks[i].Column)} LIMIT 1", cancellationToken).ConfigureAwait(false);
                    var shown = Convert.ToString(example, CultureInfo.InvariantCulture) ?? string.Empty;
                    shown = shown.Length > 40 ? shown[..40] + "…" : shown;
                    return (null, $"{view.Name}: feature '{checks[i].Column}' is declared {casts[checks[i].Column]} but {bad.ToString(CultureInfo.InvariantCulture)} of its values do not fit it exactly (e.g. {shown}); round or cast it in the SQL, or declare a wider type");
                }
            }
        }

        // Undeclared: 128-bit integers become DOUBLE; wide DECIMALs too when one scan shows every value small enough.
        var wide = columns.Where(c => !declared.ContainsKey(c.Name)).Select(c => (Column: c, Scale: WideDecimalScale(c.SqlType))).Where(c => c.Scale >= 0).ToList();
        if (wide.Count > 0)
        {
            var probes = wide.Select((c, i) => $"COALESCE(max(abs({SqlIdentifier.Quote(c.Column.Name)})) < {Limit(c.Scale)}, true) AS n{i}");
            var fits = await warehouse.QueryAsync($"SELECT {string.Join(", ", probes)} FROM {table}", cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < wide.Count; i++)
            {
                if (fits.Columns[i].Numbers is { } flag && flag.Length == 1 && flag[0] == 1)
                {
                    casts[wide[i].Column.Name] = "DOUBLE";
                }
            }
        }

        // PostgreSQL's unconstrained NUMERIC (SUM or AVG of integers) reads as a double too, as DuckDB's HUGEINT does.
        foreach (var column in columns.Where(c => !declared.ContainsKey(c.Name) && c.SqlType is "HUGEINT" or "UHUGEINT" or "NUMERIC"))
        {
            casts[column.Name] = "DOUBLE";
        }

        return (string.Join(", ", columns.Select(c => casts.TryGetValue(c.Name, out var type)
            ? $"CAST({SqlIdentifier.Quote(c.Name)} AS {warehouse.Dialect.TypeName(type)}) AS {SqlIdentifier.Quote(c.Name)}"
            : SqlIdentifier.Quote(c.Name))), null);
    }

    /// <summary>
    /// True for a value the declared type would change or cannot hold. No engine-specific TRY_CAST: PostgreSQL raises
    /// an error where DuckDB's TRY_CAST gives NULL, so a number is first checked to lie in the type's range (only then
    /// is it cast, and a cast inside that range cannot fail on either engine), and the round trip back to the SQL's
    /// type must give the value unchanged. Only text to UUID needs the dialect's TRY_CAST.
    /// </summary>
    private static string DoesNotFit(IWarehouseDialect dialect, string column, string sqlType, string declared, string kind)
    {
        var converted = kind == "text" && declared == "UUID" ? dialect.TryCast(column, declared) : $"CAST({column} AS {dialect.TypeName(declared)})";
        var inRange = kind == "number" ? NumberRange(column, declared) : null;
        var back = $"CAST({converted} AS {dialect.TypeName(sqlType)})";
        return inRange is null
            ? $"{column} IS NOT NULL AND {back} IS DISTINCT FROM {column}"
            : $"{column} IS NOT NULL AND (CASE WHEN {inRange} THEN {back} END) IS DISTINCT FROM {column}";
    }

    /// <summary>
    /// The values a number type holds, as a condition on <paramref name="column"/>, or null for DOUBLE. Integer bounds are
    /// checked twice: "&lt;= max" keeps decimals that would round up past the largest value out, "&lt; max + 1" keeps
    /// out the double 2^63, which is what 9223372036854775807 becomes when a double is compared with it. NaN and the
    /// infinities lie outside every range. FLOAT also excludes doubles that would flush to zero (PostgreSQL refuses them).
    /// </summary>
    private static string? NumberRange(string column, string declared)
    {
        var (min, max, next) = declared switch
        {
            "TINYINT" => ("-128", "127", "128"),
            "SMALLINT" => ("-32768", "32767", "32768"),
            "INTEGER" => ("-2147483648", "2147483647", "2147483648"),
            "BIGINT" => ("-9223372036854775808", "9223372036854775807", "9223372036854775808"),
            _ => (null, null, null),
        };
        if (min is not null)
        {
            return $"{column} >= {min} AND {column} <= {max} AND {column} < {next}";
        }

        if (declared == "FLOAT")
        {
            return $"({column} = 0 OR (abs({column}) >= 1.401298464324817e-45 AND abs({column}) <= 3.4028234663852886e38))";
        }

        var match = WideDecimal().Match(declared);
        if (match.Success)
        {
            // The largest DECIMAL(p,s) value, e.g. 999.99 for (5,2): anything larger would round past it.
            var precision = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var scale = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var largest = (precision == scale ? "0" : new string('9', precision - scale)) + (scale > 0 ? "." + new string('9', scale) : string.Empty);
            return $"{column} >= -{largest} AND {column} <= {largest}";
        }

        return null;
    }

    /// <summary>What kind of value a type holds; values only move between types of one kind (never through text).</summary>
    private static string KindOf(string sqlType) => sqlType switch
    {
        "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT"
            or "FLOAT" or "DOUBLE" or "NUMERIC" => "number",
        _ when sqlType.StartsWith("DECIMAL", StringComparison.Ordinal) => "number",
        "VARCHAR" or "UUID" => "text",
        "DATE" or "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => "time",
        "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" => "zoned time",
        _ => sqlType,
    };

    /// <summary>The scale of a DECIMAL(p,s) with p &gt; 18 (stored as a 128-bit integer), otherwise -1.</summary>
    private static int WideDecimalScale(string sqlType)
    {
        var match = WideDecimal().Match(sqlType);
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 18 ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>2^52 / 10^scale as an exact DECIMAL of that scale (a DOUBLE would round the comparison).</summary>
    private static string Limit(int scale)
    {
        const string Digits = "4503599627370496";
        var text = scale == 0 ? Digits
            : scale < Digits.Length ? Digits[..^scale] + "." + Digits[^scale..]
            : "0." + new string('0', scale - Digits.Length) + Digits;
        return $"CAST('{text}' AS DECIMAL(38, {scale}))";
    }

    [GeneratedRegex(@"^DECIMAL\((\d+),\s*(\d+)\)$")]
    private static partial Regex WideDecimal();
}
