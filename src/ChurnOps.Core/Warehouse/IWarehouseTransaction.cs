using ChurnOps.Core.Data;

namespace ChurnOps.Core.Warehouse;

/// <summary>
/// Several statements on one connection in one transaction (an ingestion load: raw, quarantine, staging and the
/// contract's rules must see each other's rows and commit together). Disposing without <see cref="CommitAsync"/>
/// rolls everything back. The warehouse's refusals surface as <see cref="System.Data.Common.DbException"/>.
/// </summary>
public interface IWarehouseTransaction : IAsyncDisposable
{
    /// <summary>Runs a statement; the number of rows it changed.</summary>
    Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken);

    Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken);

    Task<TabularData> QueryAsync(string sql, CancellationToken cancellationToken);

    /// <summary>A contract's read-only query inside this transaction (it sees the uncommitted rows), checked first.</summary>
    Task<NumberQueryResult> QueryNumberAsync(string sql, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
