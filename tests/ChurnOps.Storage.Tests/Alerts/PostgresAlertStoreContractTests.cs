using ChurnOps.Core.Alerts;
using ChurnOps.Storage.Alerts;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Alerts;

public sealed class PostgresAlertStoreContractTests(PostgresTestDatabase database) : AlertStoreContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<IAlertStore> CreateStoreAsync() => new SqlAlertStore(await _metadata.OpenAsync());
}
