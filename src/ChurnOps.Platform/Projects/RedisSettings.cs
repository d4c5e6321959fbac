namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml `storage.redis:` (with `storage.online: redis://host:port[/db]`).</summary>
public sealed class RedisSettings
{
    /// <summary>From CHURNOPS__STORAGE__REDIS__PASSWORD only; churnops.yaml may not hold it.</summary>
    public string? Password { get; set; }

    /// <summary>When set, a view's online keys expire this long after its last materialization (stale features then read as missing).</summary>
    public int? TtlSeconds { get; set; }
}
