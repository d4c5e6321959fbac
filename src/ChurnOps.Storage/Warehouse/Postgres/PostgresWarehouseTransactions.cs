using ChurnOps.Core.Warehouse;
using Npgsql;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>Transactions on the PostgreSQL warehouse, one pooled connection each.</summary>
public sealed class PostgresWarehouseTransactions(PostgresWarehouse warehouse) : IWarehouseTransactions
{
    public async Task<IWarehouseTransaction> BeginAsync(IReadOnlyList<string> sessionSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionSettings);
        var connection = await warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // SET LOCAL: a pooled connection goes back to the pool without the load's settings.
            foreach (var setting in sessionSettings)
            {
                var local = setting.TrimStart().StartsWith("SET ", StringComparison.OrdinalIgnoreCase) ? "SET LOCAL " + setting.TrimStart()[4..] : setting;
                await using var command = new NpgsqlCommand(local, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new PostgresWarehouseTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
