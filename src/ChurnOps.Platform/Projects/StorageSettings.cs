namespace ChurnOps.Platform.Projects;

/// <summary>
/// churnops.yaml `storage:`: where each store lives. Every key left out keeps the embedded backend (SQLite metadata,
/// DuckDB warehouse, local artifacts, SQLite online store under .churnops/), so the zero-config project needs none of it.
/// Team mode names servers, e.g. metadata: "postgresql://user@host:5432/churnops", online: "redis://host:6379",
/// artifacts: "s3://bucket/prefix". Secrets come from CHURNOPS__STORAGE__* environment variables, never the file.
/// </summary>
public sealed class StorageSettings
{
    /// <summary>Tracking, registry, contracts, datasets, alerts, events, deployments, pipelines.</summary>
    public string? Metadata { get; set; }

    /// <summary>raw/staging/quarantine/features/monitoring tables.</summary>
    public string? Warehouse { get; set; }

    /// <summary>The online feature store.</summary>
    public string? Online { get; set; }

    /// <summary>Run and model artifacts.</summary>
    public string? Artifacts { get; set; }

    public RedisSettings Redis { get; set; } = new();

    public S3Settings S3 { get; set; } = new();
}
