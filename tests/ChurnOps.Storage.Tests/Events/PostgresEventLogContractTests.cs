using ChurnOps.Core.Events;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Events;

public sealed class PostgresEventLogContractTests(PostgresTestDatabase database) : EventLogContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<IEventLog> CreateStoreAsync() => new SqlEventLog(await _metadata.OpenAsync(), Time);
}
