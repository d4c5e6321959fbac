using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using Npgsql;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>One PostgreSQL connection and its open transaction; disposing rolls back what was not committed.</summary>
internal sealed class PostgresWarehouseTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IWarehouseTransaction
{
    internal NpgsqlConnection Connection => connection;

    public async Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<TabularData> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await WarehouseResults.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public Task<NumberQueryResult> QueryNumberAsync(string sql, CancellationToken cancellationToken) =>
        PostgresReadOnlyQuery.MeasureAsync(connection, transaction, sql, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
