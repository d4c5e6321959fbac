using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Access;

/// <summary>The API-token store contract on a real PostgreSQL server (the class's own database, emptied before each test).</summary>
public sealed class PostgresAccessTokenStoreTests(PostgresTestDatabase database) : AccessTokenStoreContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<MetadataDatabase> OpenDatabaseAsync() => await _metadata.OpenAsync();
}
