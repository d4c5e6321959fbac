namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>Reads a CSV (header line) or Parquet file into drift columns; unknown columns and unreadable files are errors as values.</summary>
public interface IDriftFileReader
{
    /// <summary>Reads <paramref name="columns"/> (all when null) of the file at <paramref name="path"/>.</summary>
    Task<DriftFileRead> ReadAsync(string path, IReadOnlyCollection<string>? columns, CancellationToken cancellationToken);
}
