using ChurnOps.Core.Features;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Features;

public sealed class PostgresFeatureViewRegistryContractTests(PostgresTestDatabase database) : FeatureViewRegistryContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<IFeatureViewRegistry> CreateStoreAsync() => new SqlFeatureViewRegistry(await _metadata.OpenAsync());
}
