using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

public sealed class DuckDbBulkRolesContractTests : WarehouseBulkRolesContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    protected override async Task<(IWarehouse Warehouse, IWarehouseAppender Appender, IWarehouseTransactions Transactions)> CreateStoreAsync()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_temp.Sub("w.duckdb"), CancellationToken.None);
        return (warehouse, new DuckDbWarehouseAppender(warehouse), new DuckDbWarehouseTransactions(warehouse));
    }
}
