namespace ChurnOps.Storage.Metadata;

/// <summary>
/// The metadata areas whose stores run on PostgreSQL. Team mode migrates (and registers) only these; an area joins the
/// list once its stores pass their contract suites on both engines.
/// </summary>
public static class TeamMetadataAreas
{
    public static IReadOnlySet<string> Ported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "contracts", "datasets", "alerts", "events", "retraining", "pipelines", "deployments", "features",
        "tracking", "registry", "audit", "access",
    };

    /// <summary>
    /// The migrations of <see cref="Ported"/> areas, from <see cref="SchemaMigrationCatalog.All"/>, and the team-only
    /// area of Quartz's clustered job store.
    /// </summary>
    public static IReadOnlyList<SchemaMigration> Migrations =>
        [.. SchemaMigrationCatalog.All.Where(m => Ported.Contains(m.Area)), .. Team.QuartzJobStoreSchema.Migrations];
}
