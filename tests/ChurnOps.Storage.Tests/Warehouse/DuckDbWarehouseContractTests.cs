using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

public sealed class DuckDbWarehouseContractTests : WarehouseContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override async Task<IWarehouse> CreateStoreAsync() => await DuckDbWarehouse.OpenAsync(_temp.Sub("warehouse.duckdb"), CancellationToken.None);

    public void Dispose() => _temp.Dispose();
}
