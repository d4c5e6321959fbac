using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

public sealed class PostgresReadOnlyQueriesContractTests(PostgresTestDatabase database) : ReadOnlyQueriesContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresWarehouse _warehouse = new(database);

    public Task InitializeAsync() => _warehouse.ResetAsync();

    public Task DisposeAsync() => _warehouse.DisposeAsync().AsTask();

    protected override async Task<(IReadOnlyQueries Queries, IWarehouse Warehouse)> CreateStoreAsync()
    {
        var warehouse = await _warehouse.OpenAsync();
        return (warehouse, warehouse);
    }
}
