using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Tests.Tracking;

public sealed class PostgresExperimentStoreContractTests(PostgresTestDatabase database) : ExperimentStoreContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly PostgresTrackingDatabase _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<IExperimentStore> CreateStoreAsync() => new SqlExperimentStore(await _metadata.OpenAsync(), Time);
}
