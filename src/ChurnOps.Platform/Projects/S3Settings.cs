namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml `storage.s3:` (with `storage.artifacts: s3://bucket/prefix`): how to reach the S3-compatible server.</summary>
public sealed class S3Settings
{
    /// <summary>The server's URL (MinIO, Ceph, s3rver…); empty for AWS S3 itself, found by <see cref="Region"/>.</summary>
    public string? Endpoint { get; set; }

    public string? Region { get; set; }

    /// <summary>Path-style addressing (http://host/bucket/key); default: on when an endpoint is set, off for AWS.</summary>
    public bool? PathStyle { get; set; }

    /// <summary>From CHURNOPS__STORAGE__S3__ACCESS_KEY_ID only; without a key pair the AWS SDK's default chain applies.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>From CHURNOPS__STORAGE__S3__SECRET_ACCESS_KEY only; churnops.yaml may not hold it.</summary>
    public string? SecretAccessKey { get; set; }
}
