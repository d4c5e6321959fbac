namespace ChurnOps.Core.Warehouse;

/// <summary>
/// The engine's own file readers, inside a load's transaction: a Parquet or CSV file → rows, each with its line in
/// the file, the first malformed line reported as "line N, column 'c': …". Two ways to keep the raw layer: copy every
/// row into a raw table (<see cref="LoadAsync"/>, any engine), or — where the engine can read a local file at query
/// time (<see cref="ReadsKeptFiles"/>) — keep an immutable copy of the file and read it for the load
/// (<see cref="ReadAsync"/>) and later through a view (<see cref="KeptFileSelect"/>). The rules, quarantine and staging
/// that follow are portable SQL and stay with the use case.
/// </summary>
public interface IRawFileScan
{
    /// <summary>Whether <see cref="ReadAsync"/> and <see cref="KeptFileSelect"/> are available (the engine reads local files in queries).</summary>
    bool ReadsKeptFiles { get; }

    /// <summary>The file's columns (a CSV file's are its header, already read); an unreadable file is an error value.</summary>
    Task<RawFileColumns> ColumnsAsync(IWarehouseTransaction transaction, RawFile file, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts every row of the file; a malformed or unreadable file is an error value (the transaction then holds
    /// whatever the engine kept, so the caller rolls back). Other warehouse refusals surface as DbException.
    /// </summary>
    Task<RawFileLoaded> LoadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken);

    /// <summary>
    /// Reads every row of a kept file for this load only, without copying it into <see cref="RawFileInsert.Table"/>
    /// (which is ignored): the rows come back as <see cref="RawFileLoaded.Relation"/>. Errors as <see cref="LoadAsync"/>.
    /// </summary>
    Task<RawFileLoaded> ReadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken);

    /// <summary>
    /// A SELECT that reads a kept file again with the same text and lines as <see cref="ReadAsync"/> gave (the insert's
    /// columns, then its line column), for the raw view; <paramref name="quotedLineBreaks"/> as ReadAsync reported.
    /// </summary>
    string KeptFileSelect(RawFile file, RawFileInsert insert, bool quotedLineBreaks);
}
