using ChurnOps.Core.Features;
using ChurnOps.Storage.Features;

namespace ChurnOps.Storage.Tests.Features;

public sealed class SqliteOnlineStoreContractTests : OnlineStoreContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override async Task<IOnlineStore> CreateStoreAsync() =>
        await SqliteOnlineStore.OpenAsync(_temp.Sub("online.db"), CancellationToken.None);

    [Fact]
    public async Task OpenAsync_ExistingFile_KeepsRows()
    {
        var path = _temp.Sub("reopen.db");
        var first = await SqliteOnlineStore.OpenAsync(path, CancellationToken.None);
        await first.WriteAsync("v", [new OnlineFeatureRecord("v", "1", "A", DateTimeOffset.UnixEpoch, new Dictionary<string, object?> { ["x"] = 1.0 })], false, CancellationToken.None);

        var second = await SqliteOnlineStore.OpenAsync(path, CancellationToken.None);

        Assert.NotNull(await second.ReadAsync("v", "A", CancellationToken.None));
    }

    public void Dispose()
    {
        // Pooled probe connections hold the file; release them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
