namespace ChurnOps.Storage.Embedded;

/// <summary>
/// Where the embedded backends keep their files (all under a project's .churnops/ by default).
/// <paramref name="WarehouseElsewhere"/>: the warehouse lives on a team database, so the DuckDB file is never opened.
/// </summary>
public sealed record EmbeddedStorageLocation(string MetadataFile, string WarehouseFile, string ArtifactsDir, string OnlineStoreFile, bool WarehouseElsewhere = false);
