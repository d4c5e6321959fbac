using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// The embedded warehouse: one DuckDB file. DuckDB.NET shares one database instance between the connections a
/// process opens on the same file, so a connection per operation is cheap and thread-safe.
/// </summary>
public sealed class DuckDbWarehouse : IWarehouse, IReadOnlyQueries
{
    public static readonly IReadOnlyList<string> StandardSchemas = ["raw", "staging", "quarantine", "features", "monitoring"];

    private readonly string _connectionString;

    private DuckDbWarehouse(string path)
    {
        Path = path;
        _connectionString = $"Data Source={path}";
    }

    public string Path { get; }

    public static async Task<DuckDbWarehouse> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var warehouse = new DuckDbWarehouse(path);
        var statements = StandardSchemas.Select(s => $"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(s)};").ToArray();
        await warehouse.ExecuteInTransactionAsync(statements, cancellationToken).ConfigureAwait(false);
        return warehouse;
    }

    public async Task<DuckDBConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new DuckDBConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteInTransactionAsync([sql], cancellationToken);

    public async Task ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = (DuckDBTransaction)transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<TabularData> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks and runs a contract's query in a transaction that is always rolled back, so it cannot leave a change behind.</summary>
    public async Task<NumberQueryResult> QueryNumberAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DuckDbReadOnlyQuery.MeasureAsync(connection, (DuckDBTransaction)transaction, sql, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task<bool> TableExistsAsync(string schema, string table, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = {SqlIdentifier.Literal(schema)} AND table_name = {SqlIdentifier.Literal(table)}";
        var count = await ScalarAsync(sql, cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture) > 0;
    }

    public async Task<IReadOnlyList<WarehouseColumn>> DescribeAsync(string schema, string table, CancellationToken cancellationToken)
    {
        var sql = $"SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = {SqlIdentifier.Literal(schema)} AND table_name = {SqlIdentifier.Literal(table)} ORDER BY ordinal_position";
        var data = await QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var result = new List<WarehouseColumn>(data.RowCount);
        for (var i = 0; i < data.RowCount; i++)
        {
            result.Add(new WarehouseColumn(data["column_name"].Texts![i]!, data["data_type"].Texts![i]!, data["is_nullable"].Texts![i] == "YES"));
        }

        return result;
    }

    internal static async Task<TabularData> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var fieldCount = reader.FieldCount;
        var kinds = new ColumnKind[fieldCount];
        var numbers = new List<double>?[fieldCount];
        var texts = new List<string?>?[fieldCount];
        for (var i = 0; i < fieldCount; i++)
        {
            kinds[i] = KindOf(reader.GetFieldType(i));
            if (kinds[i] == ColumnKind.Text)
            {
                texts[i] = [];
            }
            else
            {
                numbers[i] = [];
            }
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < fieldCount; i++)
            {
                var isNull = reader.IsDBNull(i);
                switch (kinds[i])
                {
                    case ColumnKind.Text:
                        texts[i]!.Add(isNull ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                        break;
                    case ColumnKind.Boolean:
                        numbers[i]!.Add(isNull ? double.NaN : reader.GetBoolean(i) ? 1 : 0);
                        break;
                    case ColumnKind.Timestamp:
                        numbers[i]!.Add(isNull ? double.NaN : ToUnixSeconds(reader.GetValue(i)));
                        break;
                    default:
                        numbers[i]!.Add(isNull ? double.NaN : ToDouble(reader.GetValue(i)));
                        break;
                }
            }
        }

        var columns = new List<TabularColumn>(fieldCount);
        for (var i = 0; i < fieldCount; i++)
        {
            var name = reader.GetName(i);
            columns.Add(kinds[i] == ColumnKind.Text
                ? TabularColumn.Text(name, [.. texts[i]!])
                : TabularColumn.Numeric(name, [.. numbers[i]!], kinds[i]));
        }

        return new TabularData(columns);
    }

    // HUGEINT (e.g. SUM of BIGINT) arrives as BigInteger, which is not IConvertible.
    private static double ToDouble(object value) => value is System.Numerics.BigInteger big ? (double)big : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static double ToUnixSeconds(object value) => value switch
    {
        DateTime dt => (DateTime.SpecifyKind(dt, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds,
        DateTimeOffset dto => dto.ToUnixTimeMilliseconds() / 1000.0,
        DateOnly d => (d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds,
        _ => double.NaN,
    };

    private static ColumnKind KindOf(Type type)
    {
        if (type == typeof(bool))
        {
            return ColumnKind.Boolean;
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly))
        {
            return ColumnKind.Timestamp;
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal => ColumnKind.Numeric,
            _ when type == typeof(System.Numerics.BigInteger) => ColumnKind.Numeric,
            _ => ColumnKind.Text,
        };
    }
}
