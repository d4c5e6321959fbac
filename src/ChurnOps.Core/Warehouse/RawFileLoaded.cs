namespace ChurnOps.Core.Warehouse;

/// <summary>How many rows a file added, or its first malformed line / why it is unreadable (without the file's name).</summary>
public sealed record RawFileLoaded(long Rows, string? Error)
{
    /// <summary>The column that tells the rows of one <see cref="Relation"/> apart (unique within it).</summary>
    public const string RowKey = "__rid";

    /// <summary>
    /// Set by <see cref="IRawFileScan.ReadAsync"/>: a parenthesised SELECT over the rows just read (the insert's columns,
    /// its line column and <see cref="RowKey"/>), valid until the load's transaction ends. Null after a copy into a table.
    /// </summary>
    public string? Relation { get; init; }

    /// <summary>Whether a quoted value of the file spans lines (a reader must then count those breaks to number the lines).</summary>
    public bool QuotedLineBreaks { get; init; }

    /// <summary>Temporary tables behind <see cref="Relation"/>, for the caller to drop once it has used them.</summary>
    public IReadOnlyList<string> Scratch { get; init; } = [];

    public static RawFileLoaded Failed(string error) => new(0, error);
}
