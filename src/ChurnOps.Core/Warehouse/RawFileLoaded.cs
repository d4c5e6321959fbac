namespace ChurnOps.Core.Warehouse;

/// <summary>How many rows a file added, or its first malformed line / why it is unreadable (without the file's name).</summary>
public sealed record RawFileLoaded(long Rows, string? Error)
{
    public static RawFileLoaded Failed(string error) => new(0, error);
}
