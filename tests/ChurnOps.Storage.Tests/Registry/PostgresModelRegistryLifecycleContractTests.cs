using ChurnOps.Core.Registry;
using ChurnOps.Storage.Registry;
using ChurnOps.Storage.Tests.Tracking;

namespace ChurnOps.Storage.Tests.Registry;

public sealed class PostgresModelRegistryLifecycleContractTests(PostgresTestDatabase database) : ModelRegistryLifecycleContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly PostgresTrackingDatabase _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<IModelRegistry> CreateStoreAsync() => new SqlModelRegistry(await _metadata.OpenAsync(), Time);
}
