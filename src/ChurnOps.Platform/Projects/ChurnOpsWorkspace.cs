using ChurnOps.Core.Alerts;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Alerts;
using ChurnOps.Storage.Artifacts;
using ChurnOps.Storage.Datasets;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Registry;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// An opened project: its configuration and every embedded store, ready for the use cases. This is the one way to open a
/// project (CLI, server, quickstart); <see cref="ProjectAccess"/> says whether the warehouse is opened for writing.
/// </summary>
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
        DatasetVersions = new SqliteDatasetVersionStore(metadata);
        Alerts = new SqliteAlertStore(metadata);
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

    public IDatasetVersionStore DatasetVersions { get; }

    public IAlertStore Alerts { get; }

    /// <summary>Whether the warehouse was opened for writing (<see cref="ProjectAccess.ReadWrite"/>).</summary>
    public bool WarehouseWritable => !DuckDb.ReadOnly;

    /// <summary>
    /// Holds the warehouse's writer lock until disposed and records <paramref name="command"/> as its holder, so a second
    /// process is told who to wait for. A conflict is a <see cref="WarehouseInUseException"/>.
    /// </summary>
    public Task<IAsyncDisposable> HoldWarehouseAsync(string command, CancellationToken cancellationToken) => DuckDb.HoldAsync(command, Time, cancellationToken);

    /// <summary>Rewrites the warehouse file without the space that dropped tables or an aborted load left behind.</summary>
    public Task<(long Before, long After)> CompactWarehouseAsync(CancellationToken cancellationToken) => DuckDb.CompactAsync(cancellationToken);

    /// <summary>Opens the project for reading and writing (see <see cref="OpenAsync(string, ProjectAccess, TimeProvider, CancellationToken)"/>).</summary>
    public static Task<(ChurnOpsWorkspace? Workspace, string? Error)> OpenAsync(string root, TimeProvider time, CancellationToken cancellationToken) =>
        OpenAsync(root, ProjectAccess.ReadWrite, time, cancellationToken);

    /// <summary>Opens (creating stores on first use) the project at <paramref name="root"/>; an error value when it is not a valid project.</summary>
    public static async Task<(ChurnOpsWorkspace? Workspace, string? Error)> OpenAsync(string root, ProjectAccess access, TimeProvider time, CancellationToken cancellationToken)
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
        if (access == ProjectAccess.ReadOnly)
        {
            warehouse = DuckDbWarehouse.OpenReadOnly(layout.WarehouseFile);
        }
        else
        {
            try
            {
                warehouse = await DuckDbWarehouse.OpenAsync(layout.WarehouseFile, cancellationToken).ConfigureAwait(false);
            }
            catch (WarehouseInUseException ex)
            {
                return (null, ex.Message);
            }
        }

        var artifacts = new LocalArtifactStore(layout.ArtifactsDir);
        return (new ChurnOpsWorkspace(layout, config, metadata, warehouse, artifacts, time), null);
    }
}
