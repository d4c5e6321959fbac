using Amazon.S3;
using ChurnOps.Core.Artifacts;
using ChurnOps.Storage.Artifacts.S3;

namespace ChurnOps.Storage.Tests.Artifacts;

/// <summary>The artifact store contract on a real S3-compatible server (s3rver); each test under its own prefix of the shared bucket.</summary>
public sealed class S3ArtifactStoreContractTests : ArtifactStoreContractTests, IDisposable
{
    private readonly TempDirectory _spool = new();
    private AmazonS3Client? _client;

    protected override async Task<IArtifactStore> CreateStoreAsync()
    {
        _client = await S3TestServer.ClientAsync();
        return new S3ArtifactStore(_client, new S3BucketLocation(S3TestServer.Bucket, "contract/" + Guid.NewGuid().ToString("N")), _spool.Path);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _spool.Dispose();
    }
}
