namespace ChurnOps.Core.Warehouse;

/// <summary>The file formats a query result can be exported to.</summary>
public enum WarehouseFileFormat
{
    Parquet,
    Csv,
}
