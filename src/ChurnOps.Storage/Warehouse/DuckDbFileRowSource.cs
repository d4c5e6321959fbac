using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse;

/// <summary>DuckDB reads the file where it lies (read_csv_auto infers the column types); nothing to load or drop.</summary>
public sealed class DuckDbFileRowSource : IFileRowSource
{
    public Task<FileRows> OpenAsync(IWarehouse warehouse, string path, WarehouseFileFormat format, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Task.FromResult(new FileRows($"SELECT * FROM {Reader(path, format)}", null));
    }

    /// <summary>The table function that reads <paramref name="path"/>.</summary>
    private static string Reader(string path, WarehouseFileFormat format) =>
        (format == WarehouseFileFormat.Parquet ? "read_parquet(" : "read_csv_auto(") + SqlIdentifier.Literal(Path.GetFullPath(path)) + ")";
}
