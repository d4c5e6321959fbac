using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using ChurnOps.Core.Stores;
using ChurnOps.Storage.Artifacts.S3;

namespace ChurnOps.Storage.Tests.Artifacts;

/// <summary>What the S3 store adds to the contract: multipart uploads for large files, the SHA-256 on each object, no spool left behind, failures as one line.</summary>
public sealed class S3ArtifactStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _spool = new();
    private AmazonS3Client _client = null!;
    private S3BucketLocation _location = null!;

    public async Task InitializeAsync()
    {
        _client = await S3TestServer.ClientAsync();
        _location = new S3BucketLocation(S3TestServer.Bucket, "specific/" + Guid.NewGuid().ToString("N"));
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _spool.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WriteAsync_AboveTheMultipartThreshold_UploadsInPartsAndReadsBackByteForByte()
    {
        var store = new S3ArtifactStore(_client, _location, _spool.Path) { MultipartThreshold = 5 * 1024 * 1024, PartSize = 5 * 1024 * 1024 };
        var content = new byte[(12 * 1024 * 1024) + 5];
        new Random(5).NextBytes(content);
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _client.BeforeRequestEvent += (_, e) => requests.Enqueue(((Amazon.Runtime.WebServiceRequestEventArgs)e).Request.GetType().Name);

        var info = await store.WriteAsync("models/big.zip", (s, ct) => s.WriteAsync(content, ct).AsTask(), Ct);

        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(expectedHash, info.Sha256);
        Assert.Equal(["InitiateMultipartUploadRequest", "UploadPartRequest", "UploadPartRequest", "UploadPartRequest", "CompleteMultipartUploadRequest"], requests);
        var head = await _client.GetObjectMetadataAsync(S3TestServer.Bucket, _location.Prefix + "/models/big.zip");
        Assert.Equal(content.Length, head.ContentLength);
        Assert.Equal(expectedHash, head.Metadata[S3ArtifactStore.Sha256MetadataKey]);
        await using var read = await store.OpenReadAsync("models/big.zip", Ct);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy, Ct);
        Assert.Equal(content, copy.ToArray());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spool.Path));
    }

    [Fact]
    public async Task WriteAsync_SmallFile_OnePutWithItsSha256()
    {
        var store = new S3ArtifactStore(_client, _location, _spool.Path);

        var info = await store.WriteAsync("card.json", (s, ct) => s.WriteAsync("{}"u8.ToArray(), ct).AsTask(), Ct);

        var head = await _client.GetObjectMetadataAsync(S3TestServer.Bucket, _location.Prefix + "/card.json");
        Assert.Equal(info.Sha256, head.Metadata[S3ArtifactStore.Sha256MetadataKey]);
        Assert.DoesNotContain("-", head.ETag, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spool.Path));
    }

    [Fact]
    public async Task WriteAsync_WriterFails_NoSpoolFileLeft()
    {
        var store = new S3ArtifactStore(_client, _location, _spool.Path);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("x.bin", async (s, ct) =>
        {
            await s.WriteAsync(new byte[1000], ct);
            throw new InvalidOperationException("serializer failed");
        }, Ct));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_spool.Path));
    }

    [Fact]
    public async Task ListAsync_KeysOutsideThePrefix_NotListed()
    {
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = S3TestServer.Bucket, Key = _location.Prefix + "-sibling/a.txt", ContentBody = "x", UseChunkEncoding = false });
        var store = new S3ArtifactStore(_client, _location, _spool.Path);
        await store.WriteAsync("a.txt", (s, ct) => s.WriteAsync("y"u8.ToArray(), ct).AsTask(), Ct);

        Assert.Equal(["a.txt"], (await store.ListAsync("", Ct)).Select(e => e.Path));
    }

    [Fact]
    public void Describe_Path_IsTheObjectsS3Uri()
    {
        var store = new S3ArtifactStore(_client, new S3BucketLocation("bucket", "team/a"), _spool.Path);

        Assert.Equal("s3://bucket/team/a/models/m.zip", store.Describe("models/m.zip"));
    }

    [Fact]
    public async Task EveryOperation_MissingBucket_StoreUnavailableNamingIt()
    {
        var store = new S3ArtifactStore(_client, new S3BucketLocation("no-such-bucket-here", "p"), _spool.Path);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListAsync("", Ct));
        var write = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync("a.txt", (s, ct) => s.WriteAsync(new byte[1], ct).AsTask(), Ct));

        Assert.Contains("bucket 'no-such-bucket-here' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://no-such-bucket-here/p", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryOperation_NothingListening_StoreUnavailableInOneLine()
    {
        using var client = S3TestServer.Client($"http://127.0.0.1:{LocalServerProcess.FreePort()}");
        var store = new S3ArtifactStore(client, _location, _spool.Path);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ExistsAsync("a.txt", Ct));

        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task EveryOperation_UnknownAccessKey_StoreUnavailableNamingTheCredentials()
    {
        using var client = new AmazonS3Client(
            new Amazon.Runtime.BasicAWSCredentials("NOT-A-KEY", "wrong-secret"),
            new AmazonS3Config { ServiceURL = await S3TestServer.EndpointAsync(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var store = new S3ArtifactStore(client, _location, _spool.Path);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListAsync("", Ct));

        Assert.Contains("refused the credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
    }
}
