using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>
/// Runs a registered view's SQL into features.&lt;view&gt;: entity key, event timestamp (as TIMESTAMP), optional created
/// timestamp, then the declared features. The result is staged first and swapped in one transaction, so a failing
/// SQL never leaves a half-written table. With a window only [from, to) is replaced; the SQL may use {{ from }} and
/// {{ to }} to compute just that window.
/// </summary>
internal sealed partial class FeatureViewBuilder(IWarehouse warehouse, IFeatureViewRegistry registry, TimeProvider time)
{
    public async Task<(FeatureViewBuildOutcome? Outcome, string? Error)> BuildAsync(
        RegisteredFeatureView registered, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var view = registered.Definition;
        var table = SqlIdentifier.Qualified("features", view.Name);
        var stage = SqlIdentifier.Qualified("features", "__stage_" + view.Name);
        var windowed = from is not null || to is not null;
        if (from is { } f && to is { } t && f >= t)
        {
            return (null, $"{view.Name}: --from ({Format(f)}) must be before --to ({Format(t)})");
        }

        var sql = Substitute(view.Sql, from, to);
        var (columns, probeError) = await ProbeAsync(sql, cancellationToken).ConfigureAwait(false);
        if (columns is null)
        {
            return (null, $"{view.Name}: the SQL in {view.Source} failed: {probeError}");
        }

        var missing = MissingColumns(view, columns);
        if (missing.Count > 0)
        {
            return (null, $"{view.Name}: the SQL's result has no {string.Join(", ", missing)} (it returns: {string.Join(", ", columns)})");
        }

        if (windowed)
        {
            var last = await registry.GetLastBuildAsync(view.Name, cancellationToken).ConfigureAwait(false);
            var exists = await warehouse.TableExistsAsync("features", view.Name, cancellationToken).ConfigureAwait(false);
            if (exists && last is not null && last.Version != registered.Version)
            {
                return (null, $"{view.Name}: features.{view.Name} was built with version {last.Version} but version {registered.Version} is registered; run a full build (without --from/--to) first");
            }

            windowed = exists;
        }

        var key = SqlIdentifier.Quote(view.Entity);
        var ts = SqlIdentifier.Quote(view.TimestampColumn);
        var created = view.CreatedTimestampColumn is { } c ? SqlIdentifier.Quote(c) : null;
        var projection = $"{key}, CAST({ts} AS TIMESTAMP) AS {ts}"
            + (created is null ? string.Empty : $", CAST({created} AS TIMESTAMP) AS {created}")
            + ", " + string.Join(", ", view.FeatureNames.Select(SqlIdentifier.Quote));
        var window = WindowPredicate(ts, from, to);
        try
        {
            await warehouse.ExecuteAsync($"CREATE OR REPLACE TABLE {stage} AS SELECT {projection} FROM ({sql.Trim().TrimEnd(';')}) __src WHERE {window}", cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            await DropStageAsync(stage).ConfigureAwait(false);
            return (null, $"{view.Name}: the SQL in {view.Source} failed: {FirstLine(ex.Message)}");
        }

        var dropped = Convert.ToInt64(await warehouse.ScalarAsync($"SELECT COUNT(*) FROM {stage} WHERE {key} IS NULL OR {ts} IS NULL", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        // One row per (entity, timestamp): the latest created wins, so the training join never sees a tie. A full
        // build stores rows in (entity, timestamp) order, which keeps zone maps tight for time-bounded reads.
        var order = created is null ? ts : $"{created} DESC NULLS LAST";
        var deduplicated = $"SELECT {await FinalProjectionAsync(view, cancellationToken).ConfigureAwait(false)} FROM {stage} WHERE {key} IS NOT NULL AND {ts} IS NOT NULL QUALIFY row_number() OVER (PARTITION BY {key}, {ts} ORDER BY {order}) = 1";
        IReadOnlyList<string> swap = windowed
            ? [$"DELETE FROM {table} WHERE {window}", $"INSERT INTO {table} {deduplicated}", $"DROP TABLE {stage}"]
            : [$"CREATE OR REPLACE TABLE {table} AS {deduplicated} ORDER BY {key}, {ts}", $"DROP TABLE {stage}"];
        try
        {
            await warehouse.ExecuteInTransactionAsync(swap, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            await DropStageAsync(stage).ConfigureAwait(false);
            return (null, $"{view.Name}: writing features.{view.Name} failed: {FirstLine(ex.Message)}");
        }

        var written = Convert.ToInt64(await warehouse.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {window}", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var total = Convert.ToInt64(await warehouse.ScalarAsync($"SELECT COUNT(*) FROM {table}", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var statistics = await FeatureStatisticsCollector.CollectAsync(warehouse, view, cancellationToken).ConfigureAwait(false);
        var build = await registry.RecordBuildAsync(
            new FeatureBuild(0, view.Name, registered.Version, from, to, written, total, time.GetUtcNow()), statistics, cancellationToken).ConfigureAwait(false);
        return (new FeatureViewBuildOutcome(view.Name, registered.Version, "features." + view.Name, build.Id, written, total, dropped, statistics), null);
    }

    /// <summary>Replaces {{ from }} and {{ to }} with TIMESTAMP literals (±infinity when open).</summary>
    public static string Substitute(string sql, DateTimeOffset? from, DateTimeOffset? to) =>
        Placeholder().Replace(sql, m => m.Groups[1].Value.Equals("from", StringComparison.OrdinalIgnoreCase)
            ? Literal(from, "-infinity")
            : Literal(to, "infinity"));

    private static string Literal(DateTimeOffset? value, string open) =>
        "CAST(" + SqlIdentifier.Literal(value is { } v ? Format(v) : open) + " AS TIMESTAMP)";

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string WindowPredicate(string ts, DateTimeOffset? from, DateTimeOffset? to)
    {
        var parts = new List<string>();
        if (from is { } f)
        {
            parts.Add($"{ts} >= {Literal(f, "-infinity")}");
        }

        if (to is { } t)
        {
            parts.Add($"{ts} < {Literal(t, "infinity")}");
        }

        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
    }

    private static List<string> MissingColumns(FeatureViewDefinition view, IReadOnlyList<string> columns)
    {
        var present = new HashSet<string>(columns, StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        if (!present.Contains(view.Entity))
        {
            missing.Add($"entity key column '{view.Entity}'");
        }

        if (!present.Contains(view.TimestampColumn))
        {
            missing.Add($"timestamp column '{view.TimestampColumn}'");
        }

        if (view.CreatedTimestampColumn is { } created && !present.Contains(created))
        {
            missing.Add($"created timestamp column '{created}'");
        }

        missing.AddRange(view.FeatureNames.Where(f => !present.Contains(f)).Select(f => $"feature column '{f}'"));
        return missing;
    }

    private async Task<(IReadOnlyList<string>? Columns, string? Error)> ProbeAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            var data = await warehouse.QueryAsync($"SELECT * FROM ({sql.Trim().TrimEnd(';')}) __probe LIMIT 0", cancellationToken).ConfigureAwait(false);
            return (data.Columns.Select(c => c.Name).ToArray(), null);
        }
        catch (DbException ex)
        {
            return (null, FirstLine(ex.Message));
        }
    }

    /// <summary>
    /// Every stage column in the narrowest exact-enough type: 128-bit integers (what SUM of BIGINT gives) as DOUBLE for
    /// readers, and DECIMALs wider than 18 digits (128-bit in DuckDB, e.g. BIGINT * 1.0) as DOUBLE when every unscaled
    /// value is below 2^52. Such a decimal is then an exact integer over a power of ten, which DuckDB's cast and .NET's
    /// decimal-to-double conversion both turn into the same correctly rounded double, so readers get the very numbers
    /// they got from the DECIMAL, from a column that scans and joins about twice as fast.
    /// </summary>
    private async Task<string> FinalProjectionAsync(FeatureViewDefinition view, CancellationToken cancellationToken)
    {
        var stage = "__stage_" + view.Name;
        var columns = await warehouse.DescribeAsync("features", stage, cancellationToken).ConfigureAwait(false);
        var wide = columns.Select(c => (Column: c, Scale: WideDecimalScale(c.SqlType))).Where(c => c.Scale >= 0).ToList();
        var narrowed = new HashSet<string>(StringComparer.Ordinal);
        if (wide.Count > 0)
        {
            // One scan answers for every wide column: its largest magnitude, in units of its last digit.
            var probes = wide.Select((c, i) => $"COALESCE(max(abs({SqlIdentifier.Quote(c.Column.Name)})) < {Limit(c.Scale)}, true) AS n{i}");
            var fits = await warehouse.QueryAsync($"SELECT {string.Join(", ", probes)} FROM {SqlIdentifier.Quote("features")}.{SqlIdentifier.Quote(stage)}", cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < wide.Count; i++)
            {
                if (fits.Columns[i].Numbers is { } flag && flag.Length == 1 && flag[0] == 1)
                {
                    narrowed.Add(wide[i].Column.Name);
                }
            }
        }

        return string.Join(", ", columns.Select(c => c.SqlType is "HUGEINT" or "UHUGEINT" || narrowed.Contains(c.Name)
            ? $"CAST({SqlIdentifier.Quote(c.Name)} AS DOUBLE PRECISION) AS {SqlIdentifier.Quote(c.Name)}"
            : SqlIdentifier.Quote(c.Name)));
    }

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

    private async Task DropStageAsync(string stage)
    {
        try
        {
            await warehouse.ExecuteAsync($"DROP TABLE IF EXISTS {stage}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Best effort: a leftover stage table is replaced by the next build.
        }
    }

    internal static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return line.Length == 0 ? message : string.Join(" ", line.Take(2));
    }

    [GeneratedRegex(@"\{\{\s*(from|to)\s*\}\}", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
