using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Deployments;

public sealed class PostgresDeploymentStoreTests(PostgresTestDatabase database) : DeploymentStoreContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<MetadataDatabase> OpenDatabaseAsync() => await _metadata.OpenAsync();
}
