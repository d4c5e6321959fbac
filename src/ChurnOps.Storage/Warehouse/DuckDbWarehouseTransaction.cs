using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Warehouse;

/// <summary>One DuckDB connection and its open transaction; disposing rolls back what was not committed.</summary>
internal sealed class DuckDbWarehouseTransaction(DuckDBConnection connection, DuckDBTransaction transaction) : IWarehouseTransaction
{
    public async Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<TabularData> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await WarehouseResults.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public Task<NumberQueryResult> QueryNumberAsync(string sql, CancellationToken cancellationToken) =>
        DuckDbReadOnlyQuery.MeasureAsync(connection, transaction, sql, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private DuckDBCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
