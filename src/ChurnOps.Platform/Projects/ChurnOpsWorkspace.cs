using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Artifacts;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Registry;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Projects;

/// <summary>An opened project: its configuration and every embedded store, ready for the use cases.</summary>
public sealed class ChurnOpsWorkspace
{
    private ChurnOpsWorkspace(ProjectLayout layout, ProjectConfig config, SqliteMetadataDatabase metadata, DuckDbWarehouse warehouse, LocalArtifactStore artifacts, TimeProvider time)
    {
        Layout = layout;
        Config = config;
        Metadata = metadata;
        Warehouse = warehouse;
        DuckDb = warehouse;
        Artifacts = artifacts;
        Time = time;
        Events = new SqliteEventLog(metadata, time);
        Registry = new SqliteModelRegistry(metadata, time);
    }

    public ProjectLayout Layout { get; }

    public ProjectConfig Config { get; }

    public SqliteMetadataDatabase Metadata { get; }

    public IWarehouse Warehouse { get; }

    public DuckDbWarehouse DuckDb { get; }

    public IArtifactStore Artifacts { get; }

    public IEventLog Events { get; }

    public IModelRegistry Registry { get; }

    public TimeProvider Time { get; }

    /// <summary>Opens (creating stores on first use) the project at <paramref name="root"/>; an error value when it is not a valid project.</summary>
    public static async Task<(ChurnOpsWorkspace? Workspace, string? Error)> OpenAsync(string root, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var layout = ProjectLayout.For(root);
        var (config, error) = await ProjectConfigFile.ReadAsync(layout.ConfigFile, cancellationToken).ConfigureAwait(false);
        if (config is null)
        {
            return (null, error);
        }

        Directory.CreateDirectory(layout.StateDir);
        var metadata = await SqliteMetadataDatabase.OpenAsync(layout.MetadataFile, SchemaMigrationCatalog.All, cancellationToken).ConfigureAwait(false);
        DuckDbWarehouse warehouse;
        try
        {
            warehouse = await DuckDbWarehouse.OpenAsync(layout.WarehouseFile, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDB.NET.Data.DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            // DuckDB allows one writing process per file: say who to stop instead of surfacing a native error.
            return (null, $"{layout.WarehouseFile}: the warehouse is in use by another process (is 'churnops serve' running on this project?)");
        }

        var artifacts = new LocalArtifactStore(layout.ArtifactsDir);
        return (new ChurnOpsWorkspace(layout, config, metadata, warehouse, artifacts, time), null);
    }
}
