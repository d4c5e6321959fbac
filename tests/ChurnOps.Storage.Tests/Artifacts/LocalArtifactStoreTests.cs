using ChurnOps.Storage.Artifacts;
using ChurnOps.Storage.Files;

namespace ChurnOps.Storage.Tests.Artifacts;

/// <summary>What only the local folder store does; what every artifact store must do is in <see cref="ArtifactStoreContractTests"/>.</summary>
public sealed class LocalArtifactStoreTests
{
    [Fact]
    public async Task WriteAsync_WriterFails_LeavesNoTemporaryFileOnDisk()
    {
        using var temp = new TempDirectory();
        var store = new LocalArtifactStore(temp.Path);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("report.txt", async (s, ct) =>
        {
            await s.WriteAsync("partial"u8.ToArray(), ct);
            throw new InvalidOperationException("disk full");
        }, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ListAsync_LeftoverTemporaryFile_IsNotListed()
    {
        using var temp = new TempDirectory();
        var store = new LocalArtifactStore(temp.Path);
        await store.WriteAsync("run/a.txt", (s, ct) => s.WriteAsync("a"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        // What a process killed mid-write leaves behind.
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "run", "b.txt.0123" + AtomicFile.TemporarySuffix), "half");

        var entries = await store.ListAsync("run", CancellationToken.None);

        Assert.Equal(["run/a.txt"], entries.Select(e => e.Path));
    }

    [Fact]
    public void Describe_RelativePath_IsTheFileUnderTheRoot()
    {
        using var temp = new TempDirectory();
        var store = new LocalArtifactStore(temp.Path);

        Assert.Equal(Path.Combine(temp.Path, "models", "churn", "model.zip"), store.Describe("models/churn/model.zip"));
    }
}
