using System.Data.Common;

namespace ChurnOps.Storage.Metadata;

/// <summary>
/// The metadata database of a project, whichever engine holds it (embedded SQLite file or a PostgreSQL server). Stores
/// written against <see cref="System.Data.Common"/> and the <see cref="Dialect"/> run unchanged on both.
/// </summary>
public abstract class MetadataDatabase : IAsyncDisposable
{
    /// <summary>The SQL differences between engines that the stores need.</summary>
    public abstract MetadataDialect Dialect { get; }

    /// <summary>An open connection (pooled by the engine's provider); the caller disposes it.</summary>
    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => OpenDbConnectionAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected abstract Task<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken);

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
