using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse;

/// <summary>Transactions on the embedded DuckDB warehouse, one connection each.</summary>
public sealed class DuckDbWarehouseTransactions(DuckDbWarehouse warehouse) : IWarehouseTransactions
{
    public async Task<IWarehouseTransaction> BeginAsync(IReadOnlyList<string> sessionSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionSettings);
        var connection = await warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var setting in sessionSettings)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = setting;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new DuckDbWarehouseTransaction(connection, connection.BeginTransaction());
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
