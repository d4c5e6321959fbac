using System.Text;
using ChurnOps.Storage.Artifacts;

namespace ChurnOps.Storage.Tests.Artifacts;

public sealed class LocalArtifactStoreTests
{
    [Fact]
    public async Task WriteAsync_ThenRead_RoundTripsContentAndHash()
    {
        using var temp = new TempDirectory();
        var store = new LocalArtifactStore(temp.Path);

        var info = await store.WriteAsync("models/churn/1/model.txt", (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes("hello"), ct).AsTask(), CancellationToken.None);

        Assert.Equal(5, info.SizeBytes);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", info.Sha256);
        await using var read = await store.OpenReadAsync("models/churn/1/model.txt", CancellationToken.None);
        using var reader = new StreamReader(read!);
        Assert.Equal("hello", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task WriteAsync_WriterFails_LeavesNoArtifactAndKeepsPreviousVersion()
    {
        using var temp = new TempDirectory();
        var store = new LocalArtifactStore(temp.Path);
        await store.WriteAsync("report.txt", (s, ct) => s.WriteAsync("v1"u8.ToArray(), ct).AsTask(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("report.txt", async (s, ct) =>
        {
            await s.WriteAsync("partial"u8.ToArray(), ct);
            throw new InvalidOperationException("disk full");
        }, CancellationToken.None));

        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(temp.Path, "report.txt")));
        Assert.Single(Directory.GetFiles(temp.Path));
        Assert.False(await store.ExistsAsync("never.txt", CancellationToken.None));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    public async Task WriteAsync_PathEscapingStore_IsRefused(string path)
    {
        using var temp = new TempDirectory();
        var store = new LocalArtifactStore(Path.Combine(temp.Path, "store"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(path, (s, ct) => Task.CompletedTask, CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(temp.Path, "escape.txt")));
    }

    [Fact]
    public async Task ListAsync_ReturnsFoldersThenFiles()
    {
        using var temp = new TempDirectory();
        var store = new LocalArtifactStore(temp.Path);
        await store.WriteAsync("run/a.txt", (s, ct) => s.WriteAsync("a"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        await store.WriteAsync("run/plots/roc.png", (s, ct) => s.WriteAsync("p"u8.ToArray(), ct).AsTask(), CancellationToken.None);

        var entries = await store.ListAsync("run", CancellationToken.None);

        Assert.Equal(["run/plots", "run/a.txt"], entries.Select(e => e.Path));
        Assert.True(entries[0].IsDirectory);
        Assert.Equal(1, entries[1].SizeBytes);
    }
}
