namespace ChurnOps.Storage.Artifacts.S3;

/// <summary>
/// How to reach an S3-compatible server: <paramref name="Endpoint"/> (null: AWS itself, by region), the signing region,
/// path-style addressing (what MinIO and most self-hosted servers want), and the access key (null: the AWS SDK's
/// default chain: AWS_* variables, profile, instance role).
/// </summary>
public sealed record S3ClientSettings(string? Endpoint, string? Region, bool ForcePathStyle, string? AccessKeyId, string? SecretAccessKey);
