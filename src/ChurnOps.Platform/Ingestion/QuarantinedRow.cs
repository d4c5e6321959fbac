namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// Where a quarantined row came from and the rules it broke. <see cref="Line"/> is the CSV line (header = line 1) or
/// the Parquet row index (0-based); see <see cref="Location"/>.
/// </summary>
public sealed record QuarantinedRow(string File, long? Line, string Rules)
{
    /// <summary>"data/customers.csv:42" for CSV, "data/customers.parquet row index 41" for Parquet.</summary>
    public string Location => Line is not { } line
        ? File
        : IngestionFiles.IsParquet(File) ? $"{File} row index {line}" : $"{File}:{line}";
}
