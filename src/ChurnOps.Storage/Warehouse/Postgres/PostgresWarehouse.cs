using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Metadata;
using Npgsql;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// The team warehouse: the raw/staging/quarantine/features/monitoring schemas of a PostgreSQL database (it may be the
/// metadata database too; those tables live in public). One pooled <see cref="NpgsqlDataSource"/> per process, every
/// session in UTC so TIMESTAMP arithmetic means the same as in DuckDB. Results come over the binary protocol, so a
/// double reads back with exactly the bits the server holds. Unlike DuckDB, any number of processes may read and write
/// at once; there is no writer lock to hold.
/// </summary>
public sealed class PostgresWarehouse : IWarehouse, IReadOnlyQueries, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresWarehouse(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public IWarehouseDialect Dialect { get; } = new PostgresWarehouseDialect();

    /// <summary>The database name (for messages; the password never leaves the data source).</summary>
    public string DatabaseName => new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString).Database ?? string.Empty;

    /// <summary>
    /// Connects to <paramref name="location"/> (a <c>postgresql://</c> URL or an Npgsql connection string) and creates the
    /// standard schemas. An unreachable server or a bad location surfaces as the provider's exception.
    /// </summary>
    public static async Task<PostgresWarehouse> OpenAsync(string location, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString(location)) { Timezone = "UTC" };
        var warehouse = new PostgresWarehouse(NpgsqlDataSource.Create(builder.ConnectionString));
        try
        {
            // Replicas that start together would race on CREATE SCHEMA IF NOT EXISTS (it is not atomic against itself).
            var statements = new List<string> { "SELECT pg_advisory_xact_lock(hashtext('churnops.warehouse.schemas'))" };
            statements.AddRange(WarehouseSchemas.Standard.Select(s => $"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(s)}"));
            statements.AddRange(PostgresTryCastFunctions.CreateStatements());
            await warehouse.ExecuteInTransactionAsync(statements, cancellationToken).ConfigureAwait(false);
            return warehouse;
        }
        catch
        {
            await warehouse.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteInTransactionAsync([sql], cancellationToken);

    public async Task ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await RunAndCommitAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the statements in order inside <paramref name="transaction"/> (a string may hold several, ';'-separated), then commits.</summary>
    internal static async Task RunAndCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<TabularData> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await WarehouseResults.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks and runs a contract's query in a read-only transaction that is always rolled back.</summary>
    public async Task<NumberQueryResult> QueryNumberAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PostgresReadOnlyQuery.MeasureAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
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
        // DuckDB's type names (DOUBLE, VARCHAR, BIGINT, DECIMAL(p,s)…) so that callers comparing types see one
        // vocabulary; NUMERIC without a precision (what SUM and AVG of integers give) has no DuckDB twin and stays NUMERIC.
        var sql = $"""
            SELECT column_name, CASE data_type WHEN 'double precision' THEN 'DOUBLE' WHEN 'character varying' THEN 'VARCHAR' WHEN 'text' THEN 'VARCHAR'
                WHEN 'timestamp without time zone' THEN 'TIMESTAMP' WHEN 'timestamp with time zone' THEN 'TIMESTAMP WITH TIME ZONE' WHEN 'real' THEN 'FLOAT'
                WHEN 'time without time zone' THEN 'TIME'
                WHEN 'numeric' THEN CASE WHEN numeric_precision IS NULL THEN 'NUMERIC' ELSE 'DECIMAL(' || numeric_precision || ',' || numeric_scale || ')' END
                ELSE upper(data_type) END AS data_type, is_nullable
            FROM information_schema.columns WHERE table_schema = {SqlIdentifier.Literal(schema)} AND table_name = {SqlIdentifier.Literal(table)} ORDER BY ordinal_position
            """;
        var data = await QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var result = new List<WarehouseColumn>(data.RowCount);
        for (var i = 0; i < data.RowCount; i++)
        {
            result.Add(new WarehouseColumn(data["column_name"].Texts![i]!, data["data_type"].Texts![i]!, data["is_nullable"].Texts![i] == "YES"));
        }

        return result;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
