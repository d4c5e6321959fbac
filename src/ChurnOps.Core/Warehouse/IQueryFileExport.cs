namespace ChurnOps.Core.Warehouse;

/// <summary>Writes a query's result straight from the warehouse to a file (the engine's bulk export), and counts a written file's rows.</summary>
public interface IQueryFileExport
{
    /// <summary>Writes the result of <paramref name="querySql"/> to <paramref name="path"/> (CSV with a header); refusals surface as DbException.</summary>
    Task WriteAsync(IWarehouse warehouse, string querySql, string path, WarehouseFileFormat format, CancellationToken cancellationToken);

    /// <summary>The number of data rows in a file written by <see cref="WriteAsync"/>.</summary>
    Task<long> CountRowsAsync(IWarehouse warehouse, string path, WarehouseFileFormat format, CancellationToken cancellationToken);
}
