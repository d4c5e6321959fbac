namespace ChurnOps.Core.Warehouse;

/// <summary>
/// A data file as a load reads it: Parquet (the engine reads its schema), or CSV whose header and delimiter were read
/// beforehand, so every column is text and a ragged row is a malformed line rather than a guess.
/// </summary>
public sealed record RawFile(string Path, IReadOnlyList<string>? CsvHeader, string? CsvDelimiter)
{
    public bool IsParquet => CsvHeader is null;

    public static RawFile Parquet(string path) => new(path, null, null);

    public static RawFile Csv(string path, IReadOnlyList<string> header, string delimiter) => new(path, header, delimiter);
}
