using System.Runtime.CompilerServices;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Walks the fields of RFC 4180 CSV records in a buffer that holds whole records: comma-separated, optional double
/// quotes (a quote inside a quoted field is doubled), records end at LF or CRLF.
/// </summary>
internal ref struct CsvFieldCursor(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; } = position;

    /// <summary>Where the field last read by <see cref="Next"/> starts (its raw form).</summary>
    public int FieldStart { get; private set; }

    public readonly bool AtEnd => Position >= _data.Length;

    /// <summary>True when the record starting here is an empty line (skipped, as DuckDB does).</summary>
    public bool SkipEmptyLine()
    {
        if (_data[Position] == (byte)'\n')
        {
            Position++;
            return true;
        }

        if (_data[Position] == (byte)'\r' && Position + 1 < _data.Length && _data[Position + 1] == (byte)'\n')
        {
            Position += 2;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Reads the next field. <paramref name="raw"/> is the field as written (quotes included, for pass-through),
    /// <paramref name="value"/> its content without the surrounding quotes; <paramref name="escaped"/> says the content
    /// still holds doubled quotes. Returns null, or the problem when a quoted field is malformed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Next(out ReadOnlySpan<byte> raw, out ReadOnlySpan<byte> value, out bool escaped, out bool endOfRecord)
    {
        var start = Position;
        FieldStart = start;
        escaped = false;
        if (start < _data.Length && _data[start] == (byte)'"')
        {
            var i = start + 1;
            while (true)
            {
                var quote = _data[i..].IndexOf((byte)'"');
                if (quote < 0)
                {
                    raw = value = default;
                    endOfRecord = true;
                    Position = _data.Length;
                    return "a quoted field is not closed";
                }

                i += quote;
                if (i + 1 < _data.Length && _data[i + 1] == (byte)'"')
                {
                    escaped = true;
                    i += 2;
                    continue;
                }

                break;
            }

            value = _data[(start + 1)..i];
            raw = _data[start..(i + 1)];
            var after = i + 1;
            if (after >= _data.Length)
            {
                Position = after;
                endOfRecord = true;
                return null;
            }

            switch (_data[after])
            {
                case (byte)',':
                    Position = after + 1;
                    endOfRecord = false;
                    return null;
                case (byte)'\n':
                    Position = after + 1;
                    endOfRecord = true;
                    return null;
                case (byte)'\r' when after + 1 < _data.Length && _data[after + 1] == (byte)'\n':
                    Position = after + 2;
                    endOfRecord = true;
                    return null;
                default:
                    endOfRecord = true;
                    SkipRecord(after);
                    return "unexpected text after a closing quote";
            }
        }

        var rest = _data[start..];
        var stop = rest.IndexOfAny((byte)',', (byte)'\n');
        if (stop < 0)
        {
            value = raw = rest.Length > 0 && rest[^1] == (byte)'\r' ? rest[..^1] : rest;
            Position = _data.Length;
            endOfRecord = true;
            return null;
        }

        endOfRecord = rest[stop] == (byte)'\n';
        var end = endOfRecord && stop > 0 && rest[stop - 1] == (byte)'\r' ? stop - 1 : stop;
        value = raw = rest[..end];
        Position = start + stop + 1;
        return null;
    }

    /// <summary>Moves past the rest of the current record (after an error, to keep counting records).</summary>
    private void SkipRecord(int from)
    {
        var newline = _data[from..].IndexOf((byte)'\n');
        Position = newline < 0 ? _data.Length : from + newline + 1;
    }
}
