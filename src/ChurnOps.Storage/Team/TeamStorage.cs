using Amazon.Runtime;
using Amazon.S3;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Features;
using ChurnOps.Storage.Artifacts.S3;
using ChurnOps.Storage.Features.Redis;

namespace ChurnOps.Storage.Team;

/// <summary>
/// The team backends of one process, built once from <see cref="TeamStoreOptions"/> and shared by every container
/// that serves the project (the CLI's and, inside 'churnops serve', the server's): one Redis multiplexer, one S3 client.
/// Nothing connects until a store is first used.
/// </summary>
public sealed class TeamStorage : IAsyncDisposable
{
    private readonly RedisOnlineStoreSource? _online;
    private readonly AmazonS3Client? _s3;

    public TeamStorage(TeamStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Online is { } redis)
        {
            _online = new RedisOnlineStoreSource(redis, options.RedisPassword, options.Project, options.OnlineTtl);
        }

        if (options.Artifacts is { } bucket)
        {
            _s3 = CreateClient(options.S3);
            Artifacts = new S3ArtifactStore(_s3, bucket);
        }
    }

    /// <summary>The Redis online store, or null when the project keeps the embedded one.</summary>
    public IOnlineStoreSource? Online => _online;

    /// <summary>The S3 artifact store, or null when the project keeps the local folder.</summary>
    public IArtifactStore? Artifacts { get; }

    public async ValueTask DisposeAsync()
    {
        if (_online is not null)
        {
            await _online.DisposeAsync().ConfigureAwait(false);
        }

        _s3?.Dispose();
    }

    internal static AmazonS3Client CreateClient(S3ClientSettings settings)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            // S3-compatible servers differ in which of the SDK's newer integrity headers they accept; send them only
            // where S3 requires them. Integrity is ours anyway: every object carries its SHA-256, checked on load.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(100),
        };
        if (!string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            config.ServiceURL = settings.Endpoint;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
        }
        else if (!string.IsNullOrWhiteSpace(settings.Region))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }

        return settings.AccessKeyId is { Length: > 0 } key && settings.SecretAccessKey is { Length: > 0 } secret
            ? new AmazonS3Client(new BasicAWSCredentials(key, secret), config)
            : new AmazonS3Client(config);
    }
}
