namespace ChurnOps.Storage.Embedded;

/// <summary>Where the embedded backends keep their files (all under a project's .churnops/ by default).</summary>
public sealed record EmbeddedStorageLocation(string MetadataFile, string WarehouseFile, string ArtifactsDir, string OnlineStoreFile);
