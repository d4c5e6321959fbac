namespace ChurnOps.Core.Warehouse;

/// <summary>Where a file's rows go: a table (quoted, qualified SQL), its values in order, and the column that receives each row's line in the file.</summary>
public sealed record RawFileInsert(string Table, IReadOnlyList<RawFileValue> Values, string LineColumn);
