using ChurnOps.Storage.Artifacts.S3;
using ChurnOps.Storage.Features.Redis;

namespace ChurnOps.Storage.Team;

/// <summary>
/// The team backends a project names: the Redis online store (null: embedded SQLite) with its password and optional
/// key TTL, and the S3 artifact store (null: local folder) with its client settings. <paramref name="Project"/>
/// namespaces the online keys, so several projects share one Redis.
/// </summary>
public sealed record TeamStoreOptions(
    string Project,
    RedisLocation? Online,
    string? RedisPassword,
    TimeSpan? OnlineTtl,
    S3BucketLocation? Artifacts,
    S3ClientSettings S3);
