namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>One CSV record: its fields (null = empty), the line it starts on, and why it is malformed (null when it is not).</summary>
internal sealed record CsvRecord(IReadOnlyList<string?> Fields, long Line, string? Problem);
