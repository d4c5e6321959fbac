namespace ChurnOps.Platform.Projects;

/// <summary>Where a project's files live: definitions at the root, everything the platform stores under .churnops/.</summary>
public sealed record ProjectLayout(string Root)
{
    public static ProjectLayout For(string root) => new(Path.GetFullPath(root));

    public string ConfigFile => Path.Combine(Root, "churnops.yaml");

    public string ContractsDir => Path.Combine(Root, "contracts");

    public string FeaturesDir => Path.Combine(Root, "features");

    public string PipelinesDir => Path.Combine(Root, "pipelines");

    public string DataDir => Path.Combine(Root, "data");

    public string StateDir => Path.Combine(Root, ".churnops");

    public string MetadataFile => Path.Combine(StateDir, "metadata.db");

    public string WarehouseFile => Path.Combine(StateDir, "warehouse.duckdb");

    public string ArtifactsDir => Path.Combine(StateDir, "artifacts");

    public string OnlineStoreFile => Path.Combine(StateDir, "online.db");

    /// <summary>Ingested files, kept immutable by content hash: the embedded warehouse's raw layer reads them (see IngestionTables).</summary>
    public string RawFilesDir => Path.Combine(StateDir, "raw");

    /// <summary>Predictions the warehouse could not take before a server stopped; written on its next start.</summary>
    public string PredictionSpoolDir => Path.Combine(StateDir, "spool", "predictions");

    /// <summary>The write-ahead journal of answered online predictions; replayed into the warehouse on the next start.</summary>
    public string PredictionJournalDir => Path.Combine(StateDir, "journal", "predictions");
}
