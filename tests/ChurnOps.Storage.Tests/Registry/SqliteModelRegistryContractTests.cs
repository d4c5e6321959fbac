using ChurnOps.Core.Registry;
using ChurnOps.Storage.Registry;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Registry;

public sealed class SqliteModelRegistryContractTests : ModelRegistryContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    protected override async Task<IModelRegistry> CreateStoreAsync() => new SqlModelRegistry(await _database.OpenAsync(), Time);

    public void Dispose() => _database.Dispose();
}
