using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Server.Invocations;

/// <summary>
/// Reads a <c>text/csv</c> scoring body (what <c>pandas.DataFrame.to_csv(index=False)</c> writes): a header line of
/// column names, then one line per row; RFC 4180 quoting, LF or CRLF line ends, an empty cell is a missing value.
/// </summary>
internal static class InvocationsCsvParser
{
    public static (TabularData? Data, ScoringProtocolError? Error) Parse(string csv, IReadOnlyList<SignatureColumn> signature, string entity)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = new List<List<string?>>();
        var lineNumbers = new List<int>();
        var position = 0;
        var line = 1;
        while (position < csv.Length)
        {
            var start = line;
            var (fields, error) = ReadRecord(csv, ref position, ref line);
            if (error is not null)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"CSV line {start}: {error}"));
            }

            // Blank lines (a trailing newline, an empty line between rows) carry no row.
            if (fields is [null])
            {
                continue;
            }

            lines.Add(fields);
            lineNumbers.Add(start);
            if (lines.Count > InvocationsFormat.MaxRows + 1)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"more than {InvocationsFormat.MaxRows} rows in one request"));
            }
        }

        if (lines.Count == 0)
        {
            return Fail("the CSV body is empty; send a header line of column names and at least one row");
        }

        if (lines.Count == 1)
        {
            return Fail("the CSV body has a header but no rows; send at least one row to score");
        }

        // pandas' to_csv() writes the index first, under an empty name: it is row labels, not an input.
        var skip = lines[0][0] is null && lines[0].Count > 1 ? 1 : 0;
        var header = lines[0].Skip(skip).Select(name => name ?? string.Empty).ToList();
        var (table, createError) = ScoringInputTable.Create(header, lines.Count - 1, signature, entity);
        if (table is null)
        {
            return Fail(createError!);
        }

        for (var r = 1; r < lines.Count; r++)
        {
            var cells = lines[r];
            if (cells.Count != header.Count + skip)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"CSV line {lineNumbers[r]}: has {cells.Count} field(s) but the header names {header.Count + skip}"));
            }

            for (var c = 0; c < header.Count; c++)
            {
                if (table.Set(c, r - 1, cells[c + skip]) is { } problem)
                {
                    return Fail(string.Create(CultureInfo.InvariantCulture, $"CSV line {lineNumbers[r]}, column '{table.ColumnName(c)}': {problem}"));
                }
            }
        }

        return (table.Build(), null);
    }

    /// <summary>One record from <paramref name="position"/>: its fields (an unquoted empty field is null), or what is malformed.</summary>
    private static (List<string?> Fields, string? Error) ReadRecord(string csv, ref int position, ref int line)
    {
        var fields = new List<string?>();
        var cell = new StringBuilder();
        while (true)
        {
            var quoted = position < csv.Length && csv[position] == '"';
            cell.Clear();
            if (quoted)
            {
                position++;
                while (true)
                {
                    if (position >= csv.Length)
                    {
                        return (fields, "a quoted field is not closed");
                    }

                    var ch = csv[position++];
                    if (ch == '"')
                    {
                        if (position < csv.Length && csv[position] == '"')
                        {
                            cell.Append('"');
                            position++;
                            continue;
                        }

                        break;
                    }

                    if (ch == '\n')
                    {
                        line++;
                    }

                    cell.Append(ch);
                }

                if (position < csv.Length && csv[position] is not (',' or '\n' or '\r'))
                {
                    return (fields, "text after a closing quote; a quote inside a quoted field is written twice (\"\")");
                }
            }
            else
            {
                while (position < csv.Length && csv[position] is not (',' or '\n' or '\r'))
                {
                    if (csv[position] == '"')
                    {
                        return (fields, "a quote inside an unquoted field; quote the whole field");
                    }

                    cell.Append(csv[position++]);
                }
            }

            fields.Add(quoted || cell.Length > 0 ? cell.ToString() : null);
            if (position >= csv.Length)
            {
                return (fields, null);
            }

            var separator = csv[position++];
            if (separator == ',')
            {
                continue;
            }

            if (separator == '\r' && position < csv.Length && csv[position] == '\n')
            {
                position++;
            }

            line++;
            return (fields, null);
        }
    }

    private static (TabularData?, ScoringProtocolError?) Fail(string message) => (null, ScoringProtocolError.BadRequest(message));
}
