using System.Buffers;
using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Parses one chunk of whole CSV records straight into the model's input columns, scores them on the calling thread
/// and formats the output lines (id, probability, label, model version). Chunks are independent, so the pipeline runs
/// many at once; nothing here allocates per cell except text values the column has not seen in this chunk.
/// </summary>
internal sealed class CsvChunkScorer
{
    private const int MaxInternedPerColumn = 4096;
    private const int MaxFloatBytes = 24;
    private readonly ScoringEngine _engine;
    private readonly CsvInputLayout _layout;
    private readonly bool _keepForLog;
    private readonly byte[] _positiveSuffix;
    private readonly byte[] _negativeSuffix;

    public CsvChunkScorer(ScoringEngine engine, CsvInputLayout layout, int modelVersion, bool keepForLog)
    {
        _engine = engine;
        _layout = layout;
        _keepForLog = keepForLog;
        var version = modelVersion.ToString(CultureInfo.InvariantCulture);
        _positiveSuffix = Encoding.UTF8.GetBytes($",1,{version}\n");
        _negativeSuffix = Encoding.UTF8.GetBytes($",0,{version}\n");
    }

    public CsvChunkResult Score(ReadOnlySpan<byte> chunk)
    {
        var newlines = chunk.Count((byte)'\n');
        var capacity = newlines + 1;
        var inputs = _layout.Inputs;
        var numbers = new double[inputs.Count][];
        var texts = new string?[inputs.Count][];
        var interned = new Dictionary<string, string>?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (CsvInputLayout.IsText(inputs[i]))
            {
                texts[i] = new string?[capacity];
                interned[i] = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            else
            {
                numbers[i] = new double[capacity];
                if (_layout.FieldOfInput[i] < 0)
                {
                    numbers[i].AsSpan().Fill(double.NaN);
                }
            }
        }

        var idStart = _layout.IdField >= 0 ? new int[capacity] : null;
        var idLength = _layout.IdField >= 0 ? new int[capacity] : null;
        var idBytes = 0L;
        var cursor = new CsvFieldCursor(chunk, 0);
        var rows = 0;
        while (!cursor.AtEnd)
        {
            if (cursor.SkipEmptyLine())
            {
                continue;
            }

            var recordStart = cursor.Position;
            var field = 0;
            bool end;
            do
            {
                var problem = cursor.Next(out var raw, out var value, out var escaped, out end);
                if (problem is not null)
                {
                    return Failed(chunk, recordStart, problem, newlines);
                }

                if (field >= _layout.FieldCount)
                {
                    field++;
                    continue;
                }

                if (field == _layout.IdField)
                {
                    // The id goes out exactly as written (quotes included), so any value round-trips.
                    idStart![rows] = cursor.FieldStart;
                    idLength![rows] = raw.Length;
                    idBytes += raw.Length;
                }

                var input = _layout.InputOfField(field);
                if (input >= 0)
                {
                    var spec = inputs[input];
                    if (texts[input] is { } column)
                    {
                        column[rows] = Text(value, escaped, interned[input]!);
                    }
                    else if (escaped || !CsvCells.TryNumber(value, spec.DataKind, out numbers[input][rows]))
                    {
                        return Failed(chunk, recordStart, $"column '{spec.Name}': '{Shorten(value)}' is not {CsvCells.Describe(spec.DataKind)}", newlines);
                    }
                }

                field++;
            }
            while (!end);

            if (field != _layout.FieldCount)
            {
                return Failed(chunk, recordStart, $"has {field} field(s), the header has {_layout.FieldCount}", newlines);
            }

            rows++;
        }

        var columns = new List<TabularColumn>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            columns.Add(texts[i] is { } t
                ? TabularColumn.Text(inputs[i].Name, Trim(t, rows))
                : TabularColumn.Numeric(inputs[i].Name, Trim(numbers[i], rows), inputs[i].DataKind));
        }

        var probabilities = new float[rows];
        var data = new TabularData(columns);
        _engine.ScoreInto(data, probabilities);
        return Format(chunk, rows, probabilities, idStart, idLength, idBytes, newlines, data);
    }

    private CsvChunkResult Format(ReadOnlySpan<byte> chunk, int rows, float[] probabilities, int[]? idStart, int[]? idLength, long idBytes, int newlines, TabularData data)
    {
        var output = ArrayPool<byte>.Shared.Rent((int)Math.Min(int.MaxValue - 64, idBytes + ((long)rows * (MaxFloatBytes + 2 + _positiveSuffix.Length))));
        var at = 0;
        var threshold = _engine.Threshold;
        long positive = 0;
        double sum = 0;
        var ids = _keepForLog && idStart is not null ? new string?[rows] : null;
        for (var r = 0; r < rows; r++)
        {
            if (idStart is not null)
            {
                var id = chunk.Slice(idStart[r], idLength![r]);
                id.CopyTo(output.AsSpan(at));
                at += id.Length;
                output[at++] = (byte)',';
                if (ids is not null)
                {
                    ids[r] = IdText(id);
                }
            }

            var probability = probabilities[r];
            probability.TryFormat(output.AsSpan(at), out var written, default, CultureInfo.InvariantCulture);
            at += written;
            var label = probability >= threshold;
            var suffix = label ? _positiveSuffix : _negativeSuffix;
            suffix.CopyTo(output.AsSpan(at));
            at += suffix.Length;
            positive += label ? 1 : 0;
            sum += probability;
        }

        return new CsvChunkResult
        {
            Output = output,
            OutputLength = at,
            Rows = rows,
            Positive = positive,
            ProbabilitySum = sum,
            Newlines = newlines,
            Ids = ids,
            Probabilities = _keepForLog ? probabilities : null,
            Inputs = _keepForLog ? data : null,
        };
    }

    private static CsvChunkResult Failed(ReadOnlySpan<byte> chunk, int offset, string error, int newlines) =>
        new() { ErrorLine = chunk[..offset].Count((byte)'\n'), Error = error, Newlines = newlines };

    /// <summary>Low-cardinality categories (the usual case) reuse one string per chunk instead of one per cell.</summary>
    private static string? Text(ReadOnlySpan<byte> value, bool escaped, Dictionary<string, string> interned)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        if (escaped)
        {
            return Encoding.UTF8.GetString(value).Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        Span<char> chars = stackalloc char[128];
        if (value.Length > chars.Length)
        {
            return Encoding.UTF8.GetString(value);
        }

        var length = Encoding.UTF8.GetChars(value, chars);
        var lookup = interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out var known))
        {
            return known;
        }

        var text = new string(chars[..length]);
        if (interned.Count < MaxInternedPerColumn)
        {
            interned[text] = text;
        }

        return text;
    }

    private static string IdText(ReadOnlySpan<byte> raw) =>
        raw.Length >= 2 && raw[0] == (byte)'"'
            ? Encoding.UTF8.GetString(raw[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal)
            : Encoding.UTF8.GetString(raw);

    private static string Shorten(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value[..Math.Min(value.Length, 40)]);
        return value.Length > 40 ? text + "..." : text;
    }

    private static T[] Trim<T>(T[] values, int rows) => values.Length == rows ? values : values[..rows];
}
