using Parquet;
using Parquet.Schema;

namespace ChurnOps.Storage.Files;

/// <summary>
/// Reads numeric Parquet columns straight into double arrays (null = NaN), column by column and row group by row group,
/// without a value-at-a-time reader in between. Columns of a type it does not know are left to the caller (null).
/// </summary>
internal static class ParquetNumberColumns
{
    public static async Task<double[]?[]> ReadAsync(string path, IReadOnlyList<string> names, long rows, CancellationToken ct)
    {
        var result = new double[]?[names.Count];
        await using var reader = await ParquetReader.CreateAsync(path, null, ct).ConfigureAwait(false);
        var fields = names.Select(n => reader.Schema.DataFields.FirstOrDefault(f => string.Equals(f.Name, n, StringComparison.OrdinalIgnoreCase))).ToArray();
        for (var c = 0; c < names.Count; c++)
        {
            if (fields[c] is { IsArray: false } field && Supported(field.ClrType))
            {
                result[c] = new double[rows];
            }
        }

        long offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            for (var c = 0; c < names.Count; c++)
            {
                if (result[c] is { } target)
                {
                    await ReadIntoAsync(group, fields[c]!, target.AsMemory(checked((int)offset), count), ct).ConfigureAwait(false);
                }
            }

            offset += count;
        }

        return offset == rows ? result : new double[]?[names.Count];
    }

    private static bool Supported(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(long) || type == typeof(int) || type == typeof(short)
        || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(bool);

    private static Task ReadIntoAsync(ParquetRowGroupReader group, DataField field, Memory<double> target, CancellationToken ct)
    {
        var type = field.ClrType;
        if (type == typeof(double))
        {
            return ReadAsync<double>(group, field, target, v => v, ct);
        }

        if (type == typeof(float))
        {
            return ReadAsync<float>(group, field, target, v => v, ct);
        }

        if (type == typeof(long))
        {
            return ReadAsync<long>(group, field, target, v => v, ct);
        }

        if (type == typeof(int))
        {
            return ReadAsync<int>(group, field, target, v => v, ct);
        }

        if (type == typeof(short))
        {
            return ReadAsync<short>(group, field, target, v => v, ct);
        }

        if (type == typeof(sbyte))
        {
            return ReadAsync<sbyte>(group, field, target, v => v, ct);
        }

        if (type == typeof(byte))
        {
            return ReadAsync<byte>(group, field, target, v => v, ct);
        }

        if (type == typeof(ushort))
        {
            return ReadAsync<ushort>(group, field, target, v => v, ct);
        }

        if (type == typeof(uint))
        {
            return ReadAsync<uint>(group, field, target, v => v, ct);
        }

        return ReadAsync<bool>(group, field, target, v => v ? 1 : 0, ct);
    }

    private static async Task ReadAsync<T>(ParquetRowGroupReader group, DataField field, Memory<double> target, Func<T, double> toDouble, CancellationToken ct)
        where T : struct
    {
        var count = target.Length;
        if (field.IsNullable)
        {
            var buffer = new T?[count];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            var span = target.Span;
            for (var i = 0; i < count; i++)
            {
                span[i] = buffer[i] is { } value ? toDouble(value) : double.NaN;
            }
        }
        else
        {
            var buffer = new T[count];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            var span = target.Span;
            for (var i = 0; i < count; i++)
            {
                span[i] = toDouble(buffer[i]);
            }
        }
    }
}
