using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Artifacts;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Warehouse;

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

    public DuckDbWarehouse Warehouse => _warehouse ?? throw (Location.WarehouseElsewhere ? new InvalidOperationException("the warehouse is on a team database; the embedded DuckDB file is not opened") : NotOpened());

    /// <summary>
    /// Opens (creating on first use) the metadata database and the warehouse; a read-only warehouse opens no file until a
    /// query needs one. An error value when another process holds the warehouse.
    /// </summary>
    public async Task<string?> OpenAsync(bool readOnlyWarehouse, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Location.MetadataFile))!);
        _metadata ??= await SqliteMetadataDatabase.OpenAsync(Location.MetadataFile, SchemaMigrationCatalog.All, cancellationToken).ConfigureAwait(false);
        if (Location.WarehouseElsewhere)
        {
            return null;
        }

        if (readOnlyWarehouse)
        {
            _warehouse ??= DuckDbWarehouse.OpenReadOnly(Location.WarehouseFile);
            return null;
        }

        try
        {
            _warehouse ??= await DuckDbWarehouse.OpenAsync(Location.WarehouseFile, cancellationToken).ConfigureAwait(false);
        }
        catch (WarehouseInUseException ex)
        {
            return ex.Message;
        }

        return null;
    }

    /// <summary>Whether the warehouse was opened read-only (callers outside Storage never see the engine type).</summary>
    public bool WarehouseReadOnly => !Location.WarehouseElsewhere && Warehouse.ReadOnly;

    /// <summary>
    /// Holds the warehouse's writer lock for <paramref name="command"/> until disposed. A team warehouse has no such
    /// lock (PostgreSQL takes many writers), so the lease is empty.
    /// </summary>
    public Task<IAsyncDisposable> HoldWarehouseAsync(string command, TimeProvider time, CancellationToken cancellationToken) =>
        Location.WarehouseElsewhere ? Task.FromResult<IAsyncDisposable>(NoLease.Instance) : Warehouse.HoldAsync(command, time, cancellationToken);

    /// <summary>Rewrites the warehouse file without the space dropped tables left behind (the embedded file only).</summary>
    public Task<(long Before, long After)> CompactWarehouseAsync(CancellationToken cancellationToken) => Location.WarehouseElsewhere
        ? throw new WarehouseInUseException("warehouse compact rewrites the embedded DuckDB file; this project's warehouse is on PostgreSQL, whose server reclaims space itself (autovacuum)")
        : Warehouse.CompactAsync(cancellationToken);

    /// <summary>
    /// One open warehouse connection until disposed: DuckDB keeps its file lock while a connection of this process is
    /// open, so another process fails fast at open instead of this one's writes failing later.
    /// </summary>
    public async Task<IAsyncDisposable> KeepWarehouseOpenAsync(CancellationToken cancellationToken) => Location.WarehouseElsewhere
        ? NoLease.Instance
        : await Warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

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

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static InvalidOperationException NotOpened() =>
        new("the embedded stores are not open yet: open the project (ChurnOpsWorkspace.OpenAsync) before resolving a store");
}
