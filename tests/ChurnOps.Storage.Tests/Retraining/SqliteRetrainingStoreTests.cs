using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Retraining;

public sealed class SqliteRetrainingStoreTests : RetrainingStoreContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override async Task<MetadataDatabase> OpenDatabaseAsync() => await _database.OpenAsync();
}
