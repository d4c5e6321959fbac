using ChurnOps.Core.Warehouse;
using Npgsql;
using NpgsqlTypes;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// Bulk appends through binary COPY: every value goes over the wire in PostgreSQL's binary format (a double as its
/// 8 bytes, never through text), and with statements the rows and the statements commit in one transaction. Each value
/// is written as its column's type (an INTEGER column may also be a BIGINT one), read from the catalog once per append.
/// </summary>
public sealed class PostgresWarehouseAppender(PostgresWarehouse warehouse) : IWarehouseAppender
{
    public async Task AppendAsync(string schema, string table, Action<IWarehouseRowWriter> writeRows, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeRows);
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var types = await ColumnTypesAsync(connection, transaction, schema, table, cancellationToken).ConfigureAwait(false);
        var importer = await connection.BeginBinaryImportAsync($"COPY {SqlIdentifier.Qualified(schema, table)} FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            writeRows(new RowWriter(importer, types));
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await PostgresWarehouse.RunAndCommitAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<NpgsqlDbType[]> ColumnTypesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.atttypid::regtype::text FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = SqlIdentifier.Qualified(schema, table) });
        var types = new List<NpgsqlDbType>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            types.Add(reader.GetString(0) switch
            {
                "smallint" => NpgsqlDbType.Smallint,
                "integer" => NpgsqlDbType.Integer,
                "bigint" => NpgsqlDbType.Bigint,
                "double precision" => NpgsqlDbType.Double,
                "real" => NpgsqlDbType.Real,
                "numeric" => NpgsqlDbType.Numeric,
                "boolean" => NpgsqlDbType.Boolean,
                "timestamp without time zone" => NpgsqlDbType.Timestamp,
                "timestamp with time zone" => NpgsqlDbType.TimestampTz,
                "date" => NpgsqlDbType.Date,
                "text" => NpgsqlDbType.Text,
                "jsonb" => NpgsqlDbType.Jsonb,
                "json" => NpgsqlDbType.Json,
                _ => NpgsqlDbType.Varchar,
            });
        }

        return types.Count > 0 ? [.. types] : throw new InvalidOperationException($"cannot append to {schema}.{table}: the table does not exist");
    }

    private sealed class RowWriter(NpgsqlBinaryImporter importer, NpgsqlDbType[] types) : IWarehouseRowWriter
    {
        private int _column = -1;

        public void BeginRow()
        {
            importer.StartRow();
            _column = 0;
        }

        public void Add(string? value) => Write(value);

        public void Add(int? value) => Write(value);

        public void Add(double? value) => Write(value);

        public void Add(bool? value) => Write(value);

        // TIMESTAMP holds UTC wall-clock time with no zone, as in DuckDB; Npgsql wants such values unspecified.
        public void Add(DateTime? value) => Write(value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Unspecified) : null);

        public void EndRow()
        {
            if (_column != types.Length)
            {
                throw new InvalidOperationException($"a row has {_column} values; the table has {types.Length} columns");
            }

            _column = -1;
        }

        private void Write(object? value)
        {
            if (_column < 0)
            {
                throw new InvalidOperationException("BeginRow first");
            }

            if (_column >= types.Length)
            {
                throw new InvalidOperationException($"a row has more values than the table's {types.Length} columns");
            }

            var type = types[_column++];
            if (value is null)
            {
                importer.WriteNull();
                return;
            }

            switch (type)
            {
                case NpgsqlDbType.Smallint:
                    importer.Write(Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture), type);
                    break;
                case NpgsqlDbType.Integer:
                    importer.Write(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), type);
                    break;
                case NpgsqlDbType.Bigint:
                    importer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), type);
                    break;
                case NpgsqlDbType.Double:
                    importer.Write(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), type);
                    break;
                case NpgsqlDbType.Real:
                    importer.Write(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture), type);
                    break;
                case NpgsqlDbType.Numeric:
                    importer.Write(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), type);
                    break;
                case NpgsqlDbType.Boolean:
                    importer.Write(value is bool b ? b : Convert.ToBoolean(value, System.Globalization.CultureInfo.InvariantCulture), type);
                    break;
                case NpgsqlDbType.Timestamp or NpgsqlDbType.Date:
                    importer.Write((DateTime)value, type);
                    break;
                case NpgsqlDbType.TimestampTz:
                    importer.Write(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc), type);
                    break;
                default:
                    importer.Write(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, type);
                    break;
            }
        }
    }
}
