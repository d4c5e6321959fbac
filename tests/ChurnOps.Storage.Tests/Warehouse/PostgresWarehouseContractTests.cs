using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

public sealed class PostgresWarehouseContractTests(PostgresTestDatabase database) : WarehouseContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresWarehouse _warehouse = new(database);

    public Task InitializeAsync() => _warehouse.ResetAsync();

    public Task DisposeAsync() => _warehouse.DisposeAsync().AsTask();

    protected override async Task<IWarehouse> CreateStoreAsync() => await _warehouse.OpenAsync();
}
