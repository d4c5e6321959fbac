namespace ChurnOps.Storage.Metadata;

/// <summary>
/// One forward-only step of the metadata schema. Each feature area (registry, tracking, contracts…) owns its own
/// sequence of versions so areas evolve independently.
/// </summary>
public sealed record SchemaMigration(string Area, int Version, string Sql);
