using Parquet.Schema;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>The id column of one row group: as text always (CSV output, the prediction log), and as integers when the column is one.</summary>
internal sealed record ParquetIds(string?[] Texts, long?[]? Numbers)
{
    public static bool IsInteger(DataField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var type = field.ClrType;
        return type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
            || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte) || type == typeof(long?);
    }
}
