using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse;

/// <summary>DuckDB's COPY … TO for query results, and its file readers to count what was written.</summary>
public sealed class DuckDbQueryFileExport : IQueryFileExport
{
    public Task WriteAsync(IWarehouse warehouse, string querySql, string path, WarehouseFileFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var options = format == WarehouseFileFormat.Parquet ? "FORMAT PARQUET" : "FORMAT CSV, HEADER true";
        return warehouse.ExecuteAsync($"COPY ({querySql}) TO {SqlIdentifier.Literal(path)} ({options})", cancellationToken);
    }

    public async Task<long> CountRowsAsync(IWarehouse warehouse, string path, WarehouseFileFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var reader = format == WarehouseFileFormat.Parquet ? "read_parquet" : "read_csv_auto";
        var count = await warehouse.ScalarAsync($"SELECT COUNT(*) FROM {reader}({SqlIdentifier.Literal(path)})", cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture);
    }
}
