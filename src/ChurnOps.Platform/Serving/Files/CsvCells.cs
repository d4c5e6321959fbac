using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Reads one CSV cell (UTF-8 bytes) as a model input value with the same meaning the server gives a JSON value:
/// empty = missing, numbers invariant-culture, booleans true/false/1/0, timestamps ISO-8601 read as UTC.
/// </summary>
internal static class CsvCells
{
    private const int MaxFastDigits = 15;

    // Powers of ten that a double holds exactly: dividing an exact integer by one of them rounds once, correctly.
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryNumber(ReadOnlySpan<byte> cell, ColumnKind kind, out double value)
    {
        if (cell.IsEmpty)
        {
            value = double.NaN;
            return true;
        }

        return kind switch
        {
            ColumnKind.Boolean => TryBoolean(cell, out value),
            ColumnKind.Timestamp => TryTimestamp(cell, out value),
            _ => TryDecimal(cell, out value) || double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value),
        };
    }

    public static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean => "a boolean (true/false/1/0)",
        ColumnKind.Timestamp => "a timestamp",
        _ => "a number",
    };

    /// <summary>
    /// The common case, [-]digits[.digits] with at most 15 significant digits, without the general parser: the digits
    /// form an exact integer and one division by an exact power of ten gives the correctly rounded double, i.e. the
    /// same bits double.Parse returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDecimal(ReadOnlySpan<byte> cell, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (cell[0] is (byte)'-' or (byte)'+')
        {
            negative = cell[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < cell.Length; i++)
        {
            var c = cell[i];
            if ((uint)(c - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (c - '0');
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (c == '.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || digits > MaxFastDigits)
        {
            return false;
        }

        var magnitude = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryBoolean(ReadOnlySpan<byte> cell, out double value)
    {
        value = double.NaN;
        if (cell.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(cell, "true"u8))
        {
            value = 1;
            return true;
        }

        if (cell.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(cell, "false"u8))
        {
            value = 0;
            return true;
        }

        return false;
    }

    private static bool TryTimestamp(ReadOnlySpan<byte> cell, out double value)
    {
        value = double.NaN;
        Span<char> text = stackalloc char[64];
        if (cell.Length > text.Length)
        {
            return false;
        }

        var length = Encoding.UTF8.GetChars(cell, text);
        if (DateTimeOffset.TryParse(text[..length], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUnixTimeMilliseconds() / 1000.0;
            return true;
        }

        return false;
    }
}
