using ChurnOps.Core.Features;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Features;

public sealed class SqliteFeatureViewRegistryContractTests : FeatureViewRegistryContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    protected override async Task<IFeatureViewRegistry> CreateStoreAsync() => new SqlFeatureViewRegistry(await _database.OpenAsync());

    public void Dispose() => _database.Dispose();
}
