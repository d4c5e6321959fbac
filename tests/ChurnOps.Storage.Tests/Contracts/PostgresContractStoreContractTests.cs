using ChurnOps.Core.Contracts;
using ChurnOps.Storage.Contracts;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Contracts;

public sealed class PostgresContractStoreContractTests(PostgresTestDatabase database)
    : ContractStoreContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<IContractStore> CreateStoreAsync() => new SqlContractStore(await _metadata.OpenAsync());
}
