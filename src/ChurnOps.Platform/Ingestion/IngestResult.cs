namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// The outcome of one load. On failure <see cref="Error"/> is one line naming the file, row and column, and nothing
/// was written. On success every row read is either accepted (staging) or quarantined: RowsRead = RowsAccepted + RowsQuarantined.
/// </summary>
public sealed record IngestResult(
    bool Succeeded,
    string? Error,
    string Table,
    string? DatasetVersion,
    long RowsRead,
    long RowsAccepted,
    long RowsQuarantined,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True when the same content was already loaded: nothing was written again.</summary>
    public bool Unchanged { get; init; }

    /// <summary>Quarantined rows per broken rule ("age: below minimum 18" → 12); a row breaking two rules counts in both.</summary>
    public IReadOnlyDictionary<string, long> QuarantinedByRule { get; init; } = new Dictionary<string, long>();

    /// <summary>The first few quarantined rows (in file order) with their file, line and broken rules, to find them in the source.</summary>
    public IReadOnlyList<QuarantinedRow> QuarantineSamples { get; init; } = [];

    public IReadOnlyList<string> Files { get; init; } = [];

    public static IngestResult Failed(string table, string error, IReadOnlyList<string>? warnings = null) =>
        new(false, error, table, null, 0, 0, 0, warnings ?? []);
}
