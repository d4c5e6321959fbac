using ChurnOps.Core.Features;
using ChurnOps.Storage.Artifacts;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Embedded;

/// <summary>
/// The embedded backends of one project, opened once per process: the SQLite metadata database (migrated at open),
/// the DuckDB warehouse and the local artifact directory; the SQLite online store opens on first use. The store
/// registrations of <see cref="EmbeddedStorageServiceCollectionExtensions.AddEmbeddedStorage"/> read from here, so
/// opening is the one async step before a container's stores can be resolved.
/// </summary>
public sealed class EmbeddedStorage(EmbeddedStorageLocation location) : IOnlineStoreSource
{
    private readonly SemaphoreSlim _onlineGate = new(1, 1);
    private SqliteMetadataDatabase? _metadata;
    private DuckDbWarehouse? _warehouse;
    private IOnlineStore? _online;

    public EmbeddedStorageLocation Location { get; } = location ?? throw new ArgumentNullException(nameof(location));

    public LocalArtifactStore Artifacts { get; } = new(location.ArtifactsDir);

    public SqliteMetadataDatabase Metadata => _metadata ?? throw NotOpened();

    public DuckDbWarehouse Warehouse => _warehouse ?? throw NotOpened();

    /// <summary>Opens (creating on first use) the metadata database and the warehouse; an error value when another process holds the warehouse.</summary>
    public async Task<string?> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Location.MetadataFile))!);
        _metadata ??= await SqliteMetadataDatabase.OpenAsync(Location.MetadataFile, SchemaMigrationCatalog.All, cancellationToken).ConfigureAwait(false);
        try
        {
            _warehouse ??= await DuckDbWarehouse.OpenAsync(Location.WarehouseFile, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            // DuckDB allows one writing process per file: say who to stop instead of surfacing a native error.
            return $"{Location.WarehouseFile}: the warehouse is in use by another process (is 'churnops serve' running on this project?)";
        }

        return null;
    }

    public async ValueTask<IOnlineStore> GetAsync(CancellationToken cancellationToken)
    {
        if (_online is { } online)
        {
            return online;
        }

        await _onlineGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _online ??= await SqliteOnlineStore.OpenAsync(Location.OnlineStoreFile, cancellationToken).ConfigureAwait(false);
            return _online;
        }
        finally
        {
            _onlineGate.Release();
        }
    }

    private static InvalidOperationException NotOpened() =>
        new("the embedded stores are not open yet: open the project (ChurnOpsWorkspace.OpenAsync) before resolving a store");
}
