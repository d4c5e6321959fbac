using System.Text;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// Reads CSV records one at a time (RFC 4180: fields in double quotes may hold the delimiter, doubled quotes and line
/// breaks), each with the physical line it starts on, so a record whose quoted field spans lines is reported at its
/// first line and the records after it keep their true line numbers. Empty fields, quoted or not, are SQL NULL (as
/// DuckDB's reader does by default); blank lines are skipped. A record that cannot be read is returned with its problem.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, char delimiter)
{
    private readonly StringBuilder _field = new();
    private long _line = 1;

    /// <summary>The next record (fields, the line it starts on, and a problem when malformed), or null at the end.</summary>
    public CsvRecord? Read()
    {
        while (true)
        {
            var start = _line;
            var fields = new List<string?>();
            string? problem = null;
            var next = reader.Peek();
            if (next < 0)
            {
                return null;
            }

            if (next is '\n' or '\r')
            {
                ReadLineBreak();
                continue;
            }

            while (true)
            {
                var (field, ended, fieldProblem) = ReadField();
                fields.Add(field);
                problem ??= fieldProblem;
                if (ended)
                {
                    break;
                }
            }

            return new CsvRecord(fields, start, problem);
        }
    }

    /// <summary>One field; ended is true when the record ends after it (line break or end of file).</summary>
    private (string? Field, bool Ended, string? Problem) ReadField()
    {
        _field.Clear();
        var c = reader.Peek();
        if (c == '"')
        {
            reader.Read();
            while (true)
            {
                c = reader.Read();
                if (c < 0)
                {
                    return (null, true, "unterminated quoted field (a '\"' opened a field that never closes)");
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                        continue;
                    }

                    break;
                }

                if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
                {
                    _line++;
                }

                _field.Append((char)c);
            }

            var quoted = _field.Length == 0 ? null : _field.ToString();
            c = reader.Peek();
            if (c == delimiter)
            {
                reader.Read();
                return (quoted, false, null);
            }

            if (c < 0 || c is '\n' or '\r')
            {
                ReadLineBreak();
                return (quoted, true, null);
            }

            SkipRestOfRecord();
            return (quoted, true, $"unexpected '{(char)c}' after a closing quote");
        }

        while (true)
        {
            c = reader.Peek();
            if (c < 0 || c is '\n' or '\r')
            {
                ReadLineBreak();
                return (_field.Length == 0 ? null : _field.ToString(), true, null);
            }

            reader.Read();
            if (c == delimiter)
            {
                return (_field.Length == 0 ? null : _field.ToString(), false, null);
            }

            _field.Append((char)c);
        }
    }

    private void ReadLineBreak()
    {
        var c = reader.Read();
        if (c == '\r' && reader.Peek() == '\n')
        {
            reader.Read();
        }

        if (c >= 0)
        {
            _line++;
        }
    }

    private void SkipRestOfRecord()
    {
        while (reader.Peek() is >= 0 and not '\n' and not '\r')
        {
            reader.Read();
        }

        if (reader.Peek() >= 0)
        {
            ReadLineBreak();
        }
    }
}
