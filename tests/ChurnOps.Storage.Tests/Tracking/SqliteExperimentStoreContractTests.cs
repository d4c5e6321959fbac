using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Tests.Metadata;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Tests.Tracking;

public sealed class SqliteExperimentStoreContractTests : ExperimentStoreContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    protected override async Task<IExperimentStore> CreateStoreAsync() => new SqlExperimentStore(await _database.OpenAsync(), Time);

    public void Dispose() => _database.Dispose();
}
