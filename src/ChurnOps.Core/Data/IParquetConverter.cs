namespace ChurnOps.Core.Data;

/// <summary>
/// Converts between Parquet and CSV files outside the project's warehouse, so file scoring reads and writes Parquet
/// through the same CSV pipeline. Failures are the engine's message, as values.
/// </summary>
public interface IParquetConverter
{
    /// <summary>Writes <paramref name="parquetPath"/> as CSV with a header line; the error or null.</summary>
    Task<string?> ToCsvAsync(string parquetPath, string csvPath, CancellationToken cancellationToken);

    /// <summary>Writes a CSV file with a header as Parquet, reading the named columns as the given SQL types; the error or null.</summary>
    Task<string?> FromCsvAsync(string csvPath, string parquetPath, IReadOnlyDictionary<string, string> columnTypes, CancellationToken cancellationToken);
}
