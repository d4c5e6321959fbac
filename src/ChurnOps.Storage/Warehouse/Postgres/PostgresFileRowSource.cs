using System.Globalization;
using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// The server cannot read the client's files, so an in-memory DuckDB reads the file here with the same readers the
/// embedded warehouse uses (read_csv_auto, read_parquet), hence the same inferred column types and values, and the
/// rows go by binary COPY into an unlogged scratch table staging.__file_&lt;id&gt;, dropped on dispose. Numbers, booleans,
/// dates and timestamps keep their types bit for bit; any other type (lists, intervals, blobs…) arrives as DuckDB's text.
/// </summary>
public sealed class PostgresFileRowSource : IFileRowSource
{
    public async Task<FileRows> OpenAsync(IWarehouse warehouse, string path, WarehouseFileFormat format, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (warehouse is not PostgresWarehouse postgres)
        {
            throw new ArgumentException("the PostgreSQL file source needs the PostgreSQL warehouse", nameof(warehouse));
        }

        var reader = (format == WarehouseFileFormat.Parquet ? "read_parquet(" : "read_csv_auto(") + SqlIdentifier.Literal(Path.GetFullPath(path)) + ")";
        var table = SqlIdentifier.Qualified("staging", "__file_" + Guid.NewGuid().ToString("N"));
        await using var duck = new DuckDBConnection("Data Source=:memory:");
        await duck.OpenAsync(cancellationToken).ConfigureAwait(false);
        List<Column> columns;
        try
        {
            columns = await DescribeAsync(duck, reader, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException ex)
        {
            return FileRows.Unreadable(FirstLine(ex.Message));
        }

        await postgres.ExecuteAsync($"CREATE UNLOGGED TABLE {table} ({string.Join(", ", columns.Select(c => $"{SqlIdentifier.Quote(c.Name)} {c.PostgresType}"))})", cancellationToken).ConfigureAwait(false);
        var rows = new FileRows($"SELECT * FROM {table}", () => new ValueTask(postgres.ExecuteAsync($"DROP TABLE IF EXISTS {table}", CancellationToken.None)));
        try
        {
            var error = await CopyAsync(postgres, duck, reader, table, columns, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return rows;
            }

            await rows.DisposeAsync().ConfigureAwait(false);
            return FileRows.Unreadable(error);
        }
        catch
        {
            await rows.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<List<Column>> DescribeAsync(DuckDBConnection duck, string reader, CancellationToken ct)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {reader}";
        await using var described = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var columns = new List<Column>();
        while (await described.ReadAsync(ct).ConfigureAwait(false))
        {
            columns.Add(Column.Of(described.GetString(0), described.GetString(1)));
        }

        return columns;
    }

    private static async Task<string?> CopyAsync(PostgresWarehouse postgres, DuckDBConnection duck, string reader, string table, List<Column> columns, CancellationToken ct)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => c.Select))} FROM {reader}";
        await using var connection = await postgres.OpenConnectionAsync(ct).ConfigureAwait(false);
        var importer = await connection.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            try
            {
                await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await rows.ReadAsync(ct).ConfigureAwait(false))
                {
                    await importer.StartRowAsync(ct).ConfigureAwait(false);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (rows.IsDBNull(i))
                        {
                            await importer.WriteNullAsync(ct).ConfigureAwait(false);
                        }
                        else
                        {
                            await WriteAsync(importer, columns[i].Wire, rows.GetValue(i), ct).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (DuckDBException ex)
            {
                // Disposing the importer without completing it cancels the COPY.
                return FirstLine(ex.Message);
            }

            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }

        return null;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, NpgsqlDbType wire, object value, CancellationToken ct) => wire switch
    {
        NpgsqlDbType.Boolean => importer.WriteAsync((bool)value, wire, ct),
        NpgsqlDbType.Smallint => importer.WriteAsync(Convert.ToInt16(value, CultureInfo.InvariantCulture), wire, ct),
        NpgsqlDbType.Integer => importer.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), wire, ct),
        NpgsqlDbType.Bigint => importer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), wire, ct),
        NpgsqlDbType.Real => importer.WriteAsync((float)value, wire, ct),
        NpgsqlDbType.Double => importer.WriteAsync((double)value, wire, ct),
        NpgsqlDbType.Numeric => importer.WriteAsync((decimal)value, wire, ct),
        NpgsqlDbType.Date => importer.WriteAsync(value is DateOnly day ? day : DateOnly.FromDateTime((DateTime)value), wire, ct),
        NpgsqlDbType.Timestamp => importer.WriteAsync(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Unspecified), wire, ct),
        NpgsqlDbType.TimestampTz => importer.WriteAsync(value is DateTimeOffset zoned ? zoned.UtcDateTime : DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc), wire, ct),
        _ => importer.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, ct),
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>A file column: what DuckDB selects, the PostgreSQL column type, and how its values go over the wire.</summary>
    private sealed record Column(string Name, string Select, string PostgresType, NpgsqlDbType Wire)
    {
        public static Column Of(string name, string duckType)
        {
            var quoted = SqlIdentifier.Quote(name);
            var (postgresType, wire) = duckType switch
            {
                "BOOLEAN" => ("BOOLEAN", NpgsqlDbType.Boolean),
                "TINYINT" or "SMALLINT" or "UTINYINT" => ("SMALLINT", NpgsqlDbType.Smallint),
                "INTEGER" or "USMALLINT" => ("INTEGER", NpgsqlDbType.Integer),
                "BIGINT" or "UINTEGER" => ("BIGINT", NpgsqlDbType.Bigint),
                "FLOAT" => ("REAL", NpgsqlDbType.Real),
                "DOUBLE" => ("DOUBLE PRECISION", NpgsqlDbType.Double),
                "DATE" => ("DATE", NpgsqlDbType.Date),
                "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => ("TIMESTAMP", NpgsqlDbType.Timestamp),
                "TIMESTAMP WITH TIME ZONE" => ("TIMESTAMPTZ", NpgsqlDbType.TimestampTz),
                _ when IsDecimalUpTo18(duckType) => (duckType, NpgsqlDbType.Numeric),
                _ => ("TEXT", NpgsqlDbType.Text),
            };

            // Nanosecond timestamps are cut to PostgreSQL's microseconds by DuckDB's own cast, before .NET sees them.
            var select = wire switch
            {
                NpgsqlDbType.Text => $"CAST({quoted} AS VARCHAR)",
                NpgsqlDbType.Timestamp => $"CAST({quoted} AS TIMESTAMP)",
                _ => quoted,
            };
            return new Column(name, select, postgresType, wire);
        }

        /// <summary>DECIMAL(p,s) with p &lt;= 18: .NET's decimal holds every value exactly (wider ones go as text).</summary>
        private static bool IsDecimalUpTo18(string duckType) =>
            duckType.StartsWith("DECIMAL(", StringComparison.Ordinal)
            && int.TryParse(duckType.AsSpan(8, duckType.IndexOf(',', StringComparison.Ordinal) - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
            && precision <= 18;
    }
}
