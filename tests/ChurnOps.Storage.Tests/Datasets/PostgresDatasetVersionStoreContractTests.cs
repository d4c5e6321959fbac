using ChurnOps.Core.Datasets;
using ChurnOps.Storage.Datasets;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Datasets;

public sealed class PostgresDatasetVersionStoreContractTests(PostgresTestDatabase database) : DatasetVersionStoreContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<IDatasetVersionStore> CreateStoreAsync() => new SqlDatasetVersionStore(await _metadata.OpenAsync());
}
