namespace ChurnOps.Core.Warehouse;

/// <summary>
/// Makes the rows of a CSV or Parquet file on this machine queryable in the warehouse's SQL, e.g. a training set's
/// entity rows. DuckDB reads the file itself; PostgreSQL's server cannot see the client's files, so they are read here
/// and loaded into a scratch table that disposing the returned <see cref="FileRows"/> drops.
/// </summary>
public interface IFileRowSource
{
    /// <summary>The file's rows as a SELECT, or an error value when the file cannot be read; dispose when done.</summary>
    Task<FileRows> OpenAsync(IWarehouse warehouse, string path, WarehouseFileFormat format, CancellationToken cancellationToken);
}
