using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Files;

/// <summary>
/// Reads a CSV or Parquet file for a drift check through an in-memory DuckDB (never the project's warehouse): a CSV is
/// parsed once into a temporary table, a Parquet file is scanned in place. Numeric columns (numbers, flags, dates as
/// epoch seconds) come back as doubles — from Parquet straight off its column chunks — and text columns as counts per
/// value (GROUP BY in DuckDB, so a million rows cost a million strings nowhere).
/// </summary>
public sealed class DuckDbDriftFileReader : IDriftFileReader
{
    private static readonly HashSet<string> NumericTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
        "FLOAT", "DOUBLE", "REAL", "BOOLEAN",
    };

    private static readonly HashSet<string> TimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS",
    };

    public async Task<DriftFileRead> ReadAsync(string path, IReadOnlyCollection<string>? columns, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return DriftFileRead.Failed($"{path}: no such file");
        }

        var parquet = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pq", StringComparison.OrdinalIgnoreCase);
        var source = parquet
            ? $"read_parquet({SqlIdentifier.Literal(path)})"
            : $"read_csv({SqlIdentifier.Literal(path)}, header = true)";
        try
        {
            await using var connection = new DuckDBConnection("Data Source=:memory:");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var from = source;
            if (!parquet)
            {
                await ExecuteAsync(connection, $"CREATE TEMP TABLE drift_file AS SELECT * FROM {source}", cancellationToken).ConfigureAwait(false);
                from = "drift_file";
            }

            var described = await DescribeAsync(connection, from, cancellationToken).ConfigureAwait(false);
            var chosen = described;
            if (columns is { Count: > 0 })
            {
                var byName = described.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
                var unknown = columns.Where(c => !byName.ContainsKey(c)).ToList();
                if (unknown.Count > 0)
                {
                    var have = string.Join(", ", described.Take(30).Select(d => d.Name)) + (described.Count > 30 ? ", …" : string.Empty);
                    return DriftFileRead.Failed($"{path}: no column {string.Join(", ", unknown.Select(u => $"'{u}'"))} (the file has: {have})");
                }

                chosen = columns.Select(c => byName[c]).ToList();
            }

            var rows = Convert.ToInt64(await ScalarAsync(connection, $"SELECT count(*) FROM {from}", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var result = new DriftColumnData[chosen.Count];
            var numeric = chosen.Select((c, i) => (Column: c, Index: i)).Where(c => c.Column.Kind != DescribedKind.Text).ToList();
            var plain = numeric.Where(n => n.Column.Kind == DescribedKind.Number).ToList();
            if (parquet && plain.Count > 0)
            {
                var direct = await ReadParquetNumbersAsync(path, plain.Select(n => n.Column.Name).ToList(), rows, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < plain.Count; i++)
                {
                    if (direct[i] is { } values)
                    {
                        result[plain[i].Index] = DriftColumnData.Numeric(plain[i].Column.Name, values);
                    }
                }

                numeric = numeric.Where(n => result[n.Index] is null).ToList();
            }

            if (numeric.Count > 0)
            {
                var values = await ReadNumbersAsync(connection, from, numeric.Select(n => n.Column).ToList(), rows, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < numeric.Count; i++)
                {
                    result[numeric[i].Index] = DriftColumnData.Numeric(numeric[i].Column.Name, values[i]);
                }
            }

            foreach (var (column, index) in chosen.Select((c, i) => (c, i)).Where(c => c.c.Kind == DescribedKind.Text))
            {
                result[index] = await CountAsync(connection, from, column.Name, cancellationToken).ConfigureAwait(false);
            }

            return new DriftFileRead(result, rows, null);
        }
        catch (DbException ex)
        {
            return DriftFileRead.Failed($"{path}: {(parquet ? "not a readable Parquet file" : "unreadable CSV")}: {DuckDbMessage.FirstLine(ex.Message)}");
        }
    }

    private enum DescribedKind
    {
        Number,
        Time,
        Text,
    }

    private sealed record DescribedColumn(string Name, DescribedKind Kind);

    /// <summary>Numeric Parquet columns off their column chunks; any the direct reader cannot take (null) go through DuckDB.</summary>
    private static async Task<double[]?[]> ReadParquetNumbersAsync(string path, List<string> names, long rows, CancellationToken ct)
    {
        try
        {
            return await ParquetNumberColumns.ReadAsync(path, names, rows, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // DuckDB read the same file's schema; whatever the direct reader trips on, DuckDB's reader is the fallback.
            return new double[]?[names.Count];
        }
    }

    private static async Task<List<DescribedColumn>> DescribeAsync(DuckDBConnection connection, string from, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {from}";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<DescribedColumn>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var type = reader.GetString(1);
            var kind = NumericTypes.Contains(type) || type.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase)
                ? DescribedKind.Number
                : TimeTypes.Contains(type) ? DescribedKind.Time : DescribedKind.Text;
            list.Add(new DescribedColumn(reader.GetString(0), kind));
        }

        return list;
    }

    private static async Task<double[][]> ReadNumbersAsync(DuckDBConnection connection, string from, List<DescribedColumn> columns, long rows, CancellationToken ct)
    {
        var select = string.Join(", ", columns.Select(c => c.Kind == DescribedKind.Time
            ? $"CAST(epoch({SqlIdentifier.Quote(c.Name)}) AS DOUBLE)"
            : $"CAST({SqlIdentifier.Quote(c.Name)} AS DOUBLE)"));
        var values = new double[columns.Count][];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new double[rows];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {select} FROM {from}";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        long row = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i][row] = reader.IsDBNull(i) ? double.NaN : reader.GetDouble(i);
            }

            row++;
        }

        return values;
    }

    private static async Task<DriftColumnData> CountAsync(DuckDBConnection connection, string from, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST({SqlIdentifier.Quote(name)} AS VARCHAR), count(*) FROM {from} GROUP BY 1";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long nulls = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var count = reader.GetInt64(1);
            if (reader.IsDBNull(0))
            {
                nulls += count;
            }
            else
            {
                counts[reader.GetString(0)] = count;
            }
        }

        return DriftColumnData.CategoricalCounts(name, counts, nulls);
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }
}
