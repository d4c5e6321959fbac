using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Tests.Tracking;

public sealed class PostgresLoggedModelStoreContractTests(PostgresTestDatabase database) : LoggedModelStoreContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly PostgresTrackingDatabase _metadata = new(database);
    private PostgresMetadataDatabase? _database;

    public Task InitializeAsync() => _metadata.ResetAsync();

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<ILoggedModelStore> CreateStoreAsync() => new SqlLoggedModelStore(await DatabaseAsync(), Time);

    protected override async Task<string> CreateExperimentAsync(string name) =>
        (await new SqlExperimentStore(await DatabaseAsync(), Time).CreateExperimentAsync(name, null, [], CancellationToken.None)).Value!;

    private async Task<PostgresMetadataDatabase> DatabaseAsync() => _database ??= await _metadata.OpenAsync();
}
