namespace ChurnOps.Core.Warehouse;

/// <summary>One column of a raw-table insert: a file column read as text, or a constant (a SQL literal, NULL included).</summary>
public sealed record RawFileValue(string Column, string? FileColumn, string? Constant)
{
    public static RawFileValue FromFile(string column, string fileColumn) => new(column, fileColumn, null);

    public static RawFileValue Fixed(string column, string sqlLiteral) => new(column, null, sqlLiteral);
}
