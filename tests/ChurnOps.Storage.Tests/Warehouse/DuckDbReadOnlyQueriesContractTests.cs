using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

public sealed class DuckDbReadOnlyQueriesContractTests : ReadOnlyQueriesContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override async Task<(IReadOnlyQueries Queries, IWarehouse Warehouse)> CreateStoreAsync()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_temp.Sub("warehouse.duckdb"), CancellationToken.None);
        return (warehouse, warehouse);
    }

    public void Dispose() => _temp.Dispose();
}
