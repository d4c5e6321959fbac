using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;
using Parquet;
using Parquet.Schema;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Reads one column of a Parquet row group as a model input: numbers, booleans and timestamps as doubles (missing = NaN),
/// text as strings. A string column feeding a number is parsed as a CSV cell would be, so both routes agree.
/// </summary>
internal static class ParquetColumnReader
{
    public static async Task<(TabularColumn? Column, (long Row, string Message)? Error)> ReadAsync(
        ParquetRowGroupReader group, DataField? field, SignatureColumn spec, int rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.DataKind == ColumnKind.Text)
        {
            var texts = field is null ? new string?[rows] : await TextsAsync(group, field, rows, cancellationToken).ConfigureAwait(false);
            return texts is null
                ? (null, (0, $"column '{spec.Name}': a {TypeName(field!)} column cannot feed a text input"))
                : (TabularColumn.Text(spec.Name, texts), null);
        }

        var numbers = new double[rows];
        if (field is null)
        {
            numbers.AsSpan().Fill(double.NaN);
            return (TabularColumn.Numeric(spec.Name, numbers, spec.DataKind), null);
        }

        var type = field.ClrType;
        var timestamp = spec.DataKind == ColumnKind.Timestamp;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var cells = new string?[rows];
            await group.ReadAsync(field, cells.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var r = 0; r < rows; r++)
            {
                var cell = cells[r] is { } text ? Encoding.UTF8.GetBytes(text) : [];
                if (!CsvCells.TryNumber(cell, spec.DataKind, out numbers[r]))
                {
                    return (null, (r, $"column '{spec.Name}': '{Shorten(cells[r]!)}' is not {CsvCells.Describe(spec.DataKind)}"));
                }
            }
        }
        else if (type == typeof(DateTime) && timestamp)
        {
            // Parquet timestamps carry no zone here; like a CSV timestamp without one they are read as UTC.
            await ConvertAsync<DateTime>(group, field, numbers, t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0, cancellationToken).ConfigureAwait(false);
        }
        else if (timestamp || type == typeof(DateTime))
        {
            return (null, (0, $"column '{spec.Name}': a {TypeName(field)} column cannot feed {CsvCells.Describe(spec.DataKind)} input"));
        }
        else if (!await NumbersAsync(group, field, numbers, cancellationToken).ConfigureAwait(false))
        {
            return (null, (0, $"column '{spec.Name}': a {TypeName(field)} column cannot feed a numeric input"));
        }

        if (spec.DataKind == ColumnKind.Boolean && Array.FindIndex(numbers, v => v is not (0 or 1) && !double.IsNaN(v)) is var bad and >= 0)
        {
            return (null, (bad, $"column '{spec.Name}': '{numbers[bad].ToString(CultureInfo.InvariantCulture)}' is not {CsvCells.Describe(spec.DataKind)}"));
        }

        return (TabularColumn.Numeric(spec.Name, numbers, spec.DataKind), null);
    }

    /// <summary>The id column as text (and as integers when it is an integer column).</summary>
    public static async Task<ParquetIds> ReadIdsAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(field);
        if (ParquetIds.IsInteger(field))
        {
            var ids = new long?[rows];
            var type = field.ClrType;
            if (type == typeof(long))
            {
                await MapAsync<long, long?>(group, field, ids, v => v, null, cancellationToken).ConfigureAwait(false);
            }
            else if (type == typeof(uint))
            {
                await MapAsync<uint, long?>(group, field, ids, v => v, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Every other integer type fits a double exactly.
                var numbers = new double[rows];
                await NumbersAsync(group, field, numbers, cancellationToken).ConfigureAwait(false);
                for (var r = 0; r < rows; r++)
                {
                    ids[r] = double.IsNaN(numbers[r]) ? null : (long)numbers[r];
                }
            }

            return new ParquetIds([.. ids.Select(id => id?.ToString(CultureInfo.InvariantCulture))], ids);
        }

        return new ParquetIds(await TextsAsync(group, field, rows, cancellationToken).ConfigureAwait(false) ?? await FormattedAsync(group, field, rows, cancellationToken).ConfigureAwait(false), null);
    }

    private static async Task<string?[]?> TextsAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var texts = new string?[rows];
            await group.ReadAsync(field, texts.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return texts;
        }

        if (type == typeof(bool))
        {
            var flags = new double[rows];
            await ConvertAsync<bool>(group, field, flags, b => b ? 1 : 0, cancellationToken).ConfigureAwait(false);
            return [.. flags.Select(f => double.IsNaN(f) ? null : f == 1 ? "true" : "false")];
        }

        return ParquetIds.IsInteger(field) ? await FormattedAsync(group, field, rows, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Integers (and any other number) as invariant text, as a CSV export would write them.</summary>
    private static async Task<string?[]> FormattedAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var numbers = new double[rows];
        return await NumbersAsync(group, field, numbers, cancellationToken).ConfigureAwait(false)
            ? [.. numbers.Select(n => double.IsNaN(n) ? null : n.ToString("R", CultureInfo.InvariantCulture))]
            : new string?[rows];
    }

    private static async Task<bool> NumbersAsync(ParquetRowGroupReader group, DataField field, double[] numbers, CancellationToken ct)
    {
        var type = field.ClrType;
        if (type == typeof(double))
        {
            await ConvertAsync<double>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(float))
        {
            await ConvertAsync<float>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(long))
        {
            await ConvertAsync<long>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(int))
        {
            await ConvertAsync<int>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(short))
        {
            await ConvertAsync<short>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(sbyte))
        {
            await ConvertAsync<sbyte>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(byte))
        {
            await ConvertAsync<byte>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(ushort))
        {
            await ConvertAsync<ushort>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(uint))
        {
            await ConvertAsync<uint>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(ulong))
        {
            await ConvertAsync<ulong>(group, field, numbers, v => v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(decimal))
        {
            await ConvertAsync<decimal>(group, field, numbers, v => (double)v, ct).ConfigureAwait(false);
        }
        else if (type == typeof(bool))
        {
            await ConvertAsync<bool>(group, field, numbers, v => v ? 1 : 0, ct).ConfigureAwait(false);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static Task ConvertAsync<T>(ParquetRowGroupReader group, DataField field, double[] numbers, Func<T, double> convert, CancellationToken ct)
        where T : struct =>
        MapAsync(group, field, numbers, convert, double.NaN, ct);

    private static async Task MapAsync<T, TOut>(ParquetRowGroupReader group, DataField field, TOut[] destination, Func<T, TOut> convert, TOut missing, CancellationToken ct)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[destination.Length];
            await group.ReadAsync<T>(field, values.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
            for (var r = 0; r < values.Length; r++)
            {
                destination[r] = values[r] is { } value ? convert(value) : missing;
            }
        }
        else
        {
            var values = new T[destination.Length];
            await group.ReadAsync<T>(field, values.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
            for (var r = 0; r < values.Length; r++)
            {
                destination[r] = convert(values[r]);
            }
        }
    }

    private static string TypeName(DataField field) => field.ClrType == typeof(ReadOnlyMemory<char>) ? "string" : field.ClrType.Name;

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
