using ChurnOps.Core.Contracts;
using ChurnOps.Storage.Contracts;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Contracts;

public sealed class SqlContractStoreContractTests : ContractStoreContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    protected override async Task<IContractStore> CreateStoreAsync() => new SqlContractStore(await _database.OpenAsync());

    public void Dispose() => _database.Dispose();
}
