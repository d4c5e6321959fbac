namespace ChurnOps.Core.Warehouse;

/// <summary>
/// The engine's own file readers, inside a load's transaction: a Parquet or CSV file → rows in a raw table, each with
/// its line in the file, the first malformed line reported as "line N, column 'c': …". The rules, quarantine and
/// staging that follow are portable SQL and stay with the use case.
/// </summary>
public interface IRawFileScan
{
    /// <summary>The file's columns (a CSV file's are its header, already read); an unreadable file is an error value.</summary>
    Task<RawFileColumns> ColumnsAsync(IWarehouseTransaction transaction, RawFile file, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts every row of the file; a malformed or unreadable file is an error value (the transaction then holds
    /// whatever the engine kept, so the caller rolls back). Other warehouse refusals surface as DbException.
    /// </summary>
    Task<RawFileLoaded> LoadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken);
}
