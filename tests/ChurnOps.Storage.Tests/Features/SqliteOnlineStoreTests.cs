using ChurnOps.Core.Features;
using ChurnOps.Storage.Features;

namespace ChurnOps.Storage.Tests.Features;

public sealed class SqliteOnlineStoreTests : OnlineStoreContractTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "churnops-online-" + Guid.NewGuid().ToString("N"));

    protected override async Task<IOnlineStore> CreateStoreAsync() =>
        await SqliteOnlineStore.OpenAsync(Path.Combine(_dir, "online.db"), CancellationToken.None);

    [Fact]
    public async Task OpenAsync_ExistingFile_KeepsRows()
    {
        var path = Path.Combine(_dir, "reopen.db");
        var first = await SqliteOnlineStore.OpenAsync(path, CancellationToken.None);
        await first.WriteAsync("v", [new OnlineFeatureRecord("v", "1", "A", DateTimeOffset.UnixEpoch, new Dictionary<string, object?> { ["x"] = 1.0 })], false, CancellationToken.None);

        var second = await SqliteOnlineStore.OpenAsync(path, CancellationToken.None);

        Assert.NotNull(await second.ReadAsync("v", "A", CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Pooled probe connections may still hold the file; the temp dir is cleaned by the OS.
        }
    }
}
