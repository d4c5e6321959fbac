using ChurnOps.Core.Datasets;
using ChurnOps.Storage.Datasets;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Datasets;

public sealed class SqliteDatasetVersionStoreContractTests : DatasetVersionStoreContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    protected override async Task<IDatasetVersionStore> CreateStoreAsync() => new SqlDatasetVersionStore(await _database.OpenAsync());

    public void Dispose() => _database.Dispose();
}
