namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>A data file read for a drift check: its columns (numbers as values, text as counts) and row count, or why it could not be read.</summary>
public sealed record DriftFileRead(IReadOnlyList<DriftColumnData> Columns, long Rows, string? Error)
{
    public static DriftFileRead Failed(string error) => new([], 0, error);
}
