using ChurnOps.Core.Data;

namespace ChurnOps.Core.Warehouse;

/// <summary>
/// The analytical store (raw.*, staging.*, quarantine.*, features.*, monitoring.*). Logic is pushed down as SQL
/// so it runs where the data is; DuckDB embedded, PostgreSQL in team mode.
/// </summary>
public interface IWarehouse
{
    /// <summary>The engine's spelling of the SQL fragments the engines do not share.</summary>
    IWarehouseDialect Dialect { get; }

    /// <summary>Runs statements that return no rows; all of them commit together or not at all.</summary>
    Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Runs several statements in one transaction; a failure rolls every one back.</summary>
    Task ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken);

    Task<TabularData> QueryAsync(string sql, CancellationToken cancellationToken);

    Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken);

    Task<bool> TableExistsAsync(string schema, string table, CancellationToken cancellationToken);

    /// <summary>Column names and SQL types of a table, in order; empty when the table does not exist.</summary>
    Task<IReadOnlyList<WarehouseColumn>> DescribeAsync(string schema, string table, CancellationToken cancellationToken);
}
