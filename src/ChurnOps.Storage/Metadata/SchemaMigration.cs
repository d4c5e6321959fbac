namespace ChurnOps.Storage.Metadata;

/// <summary>
/// One forward-only step of the metadata schema. Each feature area (registry, tracking, contracts…) owns its own
/// sequence of versions so areas evolve independently. <see cref="Sql"/> is SQLite DDL, translated for PostgreSQL by
/// <see cref="PostgresDdl"/>; a step the translation cannot express sets <see cref="PostgreSql"/> itself.
/// </summary>
public sealed record SchemaMigration(string Area, int Version, string Sql)
{
    /// <summary>The PostgreSQL text of this step when the translated <see cref="Sql"/> would not do.</summary>
    public string? PostgreSql { get; init; }
}
