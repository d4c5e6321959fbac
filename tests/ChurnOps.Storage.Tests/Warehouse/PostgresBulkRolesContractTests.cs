using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse.Postgres;

namespace ChurnOps.Storage.Tests.Warehouse;

public sealed class PostgresBulkRolesContractTests(PostgresTestDatabase database) : WarehouseBulkRolesContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresWarehouse _warehouse = new(database);

    public Task InitializeAsync() => _warehouse.ResetAsync();

    public Task DisposeAsync() => _warehouse.DisposeAsync().AsTask();

    protected override async Task<(IWarehouse Warehouse, IWarehouseAppender Appender, IWarehouseTransactions Transactions)> CreateStoreAsync()
    {
        var warehouse = await _warehouse.OpenAsync();
        return (warehouse, new PostgresWarehouseAppender(warehouse), new PostgresWarehouseTransactions(warehouse));
    }
}
