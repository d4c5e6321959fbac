using System.Security.Cryptography;
using System.Text;
using ChurnOps.Core.Artifacts;

namespace ChurnOps.Storage.Tests.Artifacts;

/// <summary>
/// What every IArtifactStore backend (local folder now, S3 later) must do: whole-or-nothing writes, relative paths that
/// never escape the store, listings of direct children.
/// </summary>
public abstract class ArtifactStoreContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<IArtifactStore> CreateStoreAsync();

    /// <summary>False for a backend that keeps the interface's default DeleteAsync (refuses with NotSupportedException).</summary>
    protected virtual bool CanDelete => true;

    private static Func<Stream, CancellationToken, Task> Bytes(byte[] content) => (s, ct) => s.WriteAsync(content, ct).AsTask();

    private static Func<Stream, CancellationToken, Task> Text(string content) => Bytes(Encoding.UTF8.GetBytes(content));

    private static async Task<byte[]?> ReadAllAsync(IArtifactStore store, string path)
    {
        await using var stream = await store.OpenReadAsync(path, Ct);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Fact]
    public async Task WriteAsync_ThenRead_RoundTripsContentSizeAndHash()
    {
        var store = await CreateStoreAsync();

        var info = await store.WriteAsync("models/churn/1/model.txt", Text("hello"), Ct);

        Assert.Equal("models/churn/1/model.txt", info.Path);
        Assert.False(info.IsDirectory);
        Assert.Equal(5, info.SizeBytes);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", info.Sha256);
        Assert.Equal("hello"u8.ToArray(), await ReadAllAsync(store, "models/churn/1/model.txt"));
        Assert.True(await store.ExistsAsync("models/churn/1/model.txt", Ct));
    }

    [Fact]
    public async Task WriteAsync_SeveralMegabytesOfRandomBytes_ReadBackByteForByte()
    {
        var store = await CreateStoreAsync();
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(11).NextBytes(content);

        var info = await store.WriteAsync("data/blob.bin", async (s, ct) =>
        {
            // Several writes, as a serializer streaming a model would make.
            for (var offset = 0; offset < content.Length; offset += 65_537)
            {
                await s.WriteAsync(content.AsMemory(offset, Math.Min(65_537, content.Length - offset)), ct);
            }
        }, Ct);

        Assert.Equal(content.Length, info.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(content, await ReadAllAsync(store, "data/blob.bin"));
    }

    [Fact]
    public async Task WriteAsync_SamePathAgain_ReplacesWholeContent()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("report.txt", Text("a much longer first version"), Ct);

        await store.WriteAsync("report.txt", Text("v2"), Ct);

        Assert.Equal("v2"u8.ToArray(), await ReadAllAsync(store, "report.txt"));
    }

    [Fact]
    public async Task WriteAsync_WriterFails_KeepsPreviousVersionAndLeavesNothingElse()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("report.txt", Text("v1"), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("report.txt", async (s, ct) =>
        {
            await s.WriteAsync("partial"u8.ToArray(), ct);
            throw new InvalidOperationException("disk full");
        }, Ct));

        Assert.Equal("v1"u8.ToArray(), await ReadAllAsync(store, "report.txt"));
        Assert.Equal(["report.txt"], (await store.ListAsync("", Ct)).Select(e => e.Path));
    }

    [Fact]
    public async Task WriteAsync_WriterFailsOnNewPath_NothingExists()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("new/model.zip", async (s, ct) =>
        {
            await s.WriteAsync(new byte[100_000], ct);
            throw new InvalidOperationException("serializer failed");
        }, Ct));

        Assert.False(await store.ExistsAsync("new/model.zip", Ct));
        Assert.Null(await store.OpenReadAsync("new/model.zip", Ct));
        Assert.DoesNotContain(await store.ListAsync("new", Ct), e => !e.IsDirectory);
    }

    [Fact]
    public async Task WriteAsync_CancelledMidWrite_ThrowsAndNothingExists()
    {
        var store = await CreateStoreAsync();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync("model.zip", async (s, ct) =>
        {
            await s.WriteAsync(new byte[10_000], ct);
            await cancellation.CancelAsync();
            await s.WriteAsync(new byte[10_000], ct);
        }, cancellation.Token));

        Assert.False(await store.ExistsAsync("model.zip", Ct));
        Assert.Empty(await store.ListAsync("", Ct));
    }

    [Fact]
    public async Task OpenReadAsync_WhileAWriteIsUnderWay_SeesOnlyTheWholePreviousVersion()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("model.zip", Text("old"), Ct);
        var halfWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writing = store.WriteAsync("model.zip", async (s, ct) =>
        {
            await s.WriteAsync("new-first-half"u8.ToArray(), ct);
            await s.FlushAsync(ct);
            halfWritten.SetResult();
            await finish.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await s.WriteAsync("-second-half"u8.ToArray(), ct);
        }, Ct);
        await halfWritten.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var during = await ReadAllAsync(store, "model.zip");
        finish.SetResult();
        await writing;

        Assert.Equal("old"u8.ToArray(), during);
        Assert.Equal("new-first-half-second-half"u8.ToArray(), await ReadAllAsync(store, "model.zip"));
    }

    [Fact]
    public async Task WriteAsync_TwoWritersSamePath_OneWholeVersionWins()
    {
        var store = await CreateStoreAsync();
        var a = Enumerable.Repeat((byte)'a', 500_000).ToArray();
        var b = Enumerable.Repeat((byte)'b', 300_000).ToArray();

        await Task.WhenAll(
            Task.Run(() => store.WriteAsync("shared.bin", Bytes(a), Ct)),
            Task.Run(() => store.WriteAsync("shared.bin", Bytes(b), Ct)));

        var stored = await ReadAllAsync(store, "shared.bin");
        Assert.NotNull(stored);
        Assert.True(stored.SequenceEqual(a) || stored.SequenceEqual(b), $"mixed content of {stored.Length} bytes");
        Assert.Equal(["shared.bin"], (await store.ListAsync("", Ct)).Select(e => e.Path));
    }

    [Fact]
    public async Task OpenReadAsync_Missing_NullAndExistsFalse()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("a/b.txt", Text("x"), Ct);

        Assert.Null(await store.OpenReadAsync("a/missing.txt", Ct));
        Assert.False(await store.ExistsAsync("a/missing.txt", Ct));
        Assert.False(await store.ExistsAsync("never/there.txt", Ct));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("a/../../../etc/passwd")]
    public async Task EveryOperation_PathEscapingStore_IsRefused(string path)
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(path, Text("x"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(path, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync(path, Ct));
        Assert.Empty(await store.ListAsync("", Ct));
    }

    [Fact]
    public async Task ListAsync_DirectChildren_FoldersThenFilesEachInNameOrder()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("run/b.txt", Text("bb"), Ct);
        await store.WriteAsync("run/a.txt", Text("a"), Ct);
        await store.WriteAsync("run/plots/roc.png", Text("p"), Ct);
        await store.WriteAsync("run/data/deep/x.csv", Text("x"), Ct);
        await store.WriteAsync("other/c.txt", Text("c"), Ct);

        var entries = await store.ListAsync("run", Ct);

        Assert.Equal(["run/data", "run/plots", "run/a.txt", "run/b.txt"], entries.Select(e => e.Path));
        Assert.Equal([true, true, false, false], entries.Select(e => e.IsDirectory));
        Assert.Equal(1, entries[2].SizeBytes);
        Assert.Equal(2, entries[3].SizeBytes);
        Assert.Equal(["other", "run"], (await store.ListAsync("", Ct)).Select(e => e.Path));
    }

    [Fact]
    public async Task ListAsync_MissingPrefix_Empty()
    {
        var store = await CreateStoreAsync();

        Assert.Empty(await store.ListAsync("", Ct));
        Assert.Empty(await store.ListAsync("nothing/here", Ct));
    }

    [Fact]
    public async Task DeleteAsync_FileFolderAndMissing_RemovesOrReportsFalse()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("run/a.txt", Text("a"), Ct);
        await store.WriteAsync("run/plots/roc.png", Text("p"), Ct);
        await store.WriteAsync("keep.txt", Text("k"), Ct);
        if (!CanDelete)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => store.DeleteAsync("run/a.txt", Ct));
            Assert.True(await store.ExistsAsync("run/a.txt", Ct));
            return;
        }

        Assert.True(await store.DeleteAsync("run/a.txt", Ct));
        Assert.False(await store.ExistsAsync("run/a.txt", Ct));
        Assert.True(await store.DeleteAsync("run", Ct));
        Assert.False(await store.ExistsAsync("run/plots/roc.png", Ct));
        Assert.False(await store.DeleteAsync("run", Ct));
        Assert.Equal(["keep.txt"], (await store.ListAsync("", Ct)).Select(e => e.Path));
    }
}
