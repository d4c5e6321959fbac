using ChurnOps.Core.Alerts;
using ChurnOps.Storage.Alerts;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Alerts;

public sealed class SqliteAlertStoreContractTests : AlertStoreContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    protected override async Task<IAlertStore> CreateStoreAsync() => new SqlAlertStore(await _database.OpenAsync());

    public void Dispose() => _database.Dispose();
}
