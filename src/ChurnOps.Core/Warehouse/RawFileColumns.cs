namespace ChurnOps.Core.Warehouse;

/// <summary>A file's column names in file order, or why the file cannot be read (without the file's name).</summary>
public sealed record RawFileColumns(IReadOnlyList<string> Names, string? Error)
{
    public static RawFileColumns Unreadable(string error) => new([], error);
}
