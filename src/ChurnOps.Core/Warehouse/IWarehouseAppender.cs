namespace ChurnOps.Core.Warehouse;

/// <summary>
/// Bulk appends to a warehouse table, the fast path for many small rows (DuckDB's appender; COPY in PostgreSQL), with
/// statements that must commit together with the rows.
/// </summary>
public interface IWarehouseAppender
{
    /// <summary>
    /// Appends the rows <paramref name="writeRows"/> writes to schema.table. With <paramref name="statements"/>, rows and
    /// statements commit in one transaction or not at all.
    /// </summary>
    Task AppendAsync(string schema, string table, Action<IWarehouseRowWriter> writeRows, IReadOnlyList<string> statements, CancellationToken cancellationToken);
}
