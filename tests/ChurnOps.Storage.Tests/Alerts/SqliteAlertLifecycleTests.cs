using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Alerts;

public sealed class SqliteAlertLifecycleTests : AlertLifecycleContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override async Task<MetadataDatabase> OpenDatabaseAsync() => await _database.OpenAsync();
}
