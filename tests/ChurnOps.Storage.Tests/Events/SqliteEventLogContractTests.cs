using ChurnOps.Core.Events;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Events;

public sealed class SqliteEventLogContractTests : EventLogContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    protected override async Task<IEventLog> CreateStoreAsync() => new SqlEventLog(await _database.OpenAsync(), Time);

    public void Dispose() => _database.Dispose();
}
