using DuckDB.NET.Data;

namespace ChurnOps.Storage.Warehouse;

/// <summary>The writer lock a command holds on the warehouse; disposing it removes the owner file and lets the lock go.</summary>
internal sealed class WarehouseLease(DuckDbWarehouse warehouse, DuckDBConnection connection, WarehouseOwner owner) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        owner.Remove(warehouse.Path);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
