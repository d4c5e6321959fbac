using System.Buffers;
using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Training.Scoring;
using System.Runtime.CompilerServices;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Parses one chunk of whole CSV records straight into the model's encoded rows, scores them on the calling thread and
/// formats the output lines (id, probability, label, model version) as UTF-8. Chunks are independent, so the pipeline
/// runs many at once. A chunk is worked through in blocks of <see cref="BlockRows"/> records, so the encoded rows stay
/// in cache and the memory a chunk needs does not depend on how many records it holds; no cell becomes a string unless
/// the predictions are logged (monitoring then needs the inputs as a table).
/// </summary>
internal sealed class CsvChunkScorer
{
    private const int BlockRows = 1024;
    private const int StackChars = 256;
    private readonly ScoringEngine _engine;
    private readonly CellEncoder _encoder;
    private readonly CsvInputLayout _layout;
    private readonly bool _keepForLog;
    private readonly byte[] _positiveSuffix;
    private readonly byte[] _negativeSuffix;
    private readonly bool[] _isText;
    private readonly int[] _absentNumbers;

    public CsvChunkScorer(ScoringEngine engine, CsvInputLayout layout, int modelVersion, bool keepForLog)
    {
        _engine = engine;
        _encoder = engine.CellEncoder;
        _layout = layout;
        _keepForLog = keepForLog;
        var version = modelVersion.ToString(CultureInfo.InvariantCulture);
        _positiveSuffix = Encoding.UTF8.GetBytes($",1,{version}\n");
        _negativeSuffix = Encoding.UTF8.GetBytes($",0,{version}\n");
        _isText = layout.Inputs.Select(CsvInputLayout.IsText).ToArray();

        // Optional numeric inputs the file lacks are missing in every row (their fill value and missing flag).
        _absentNumbers = Enumerable.Range(0, layout.Inputs.Count).Where(i => layout.FieldOfInput[i] < 0 && !_isText[i]).ToArray();
    }

    // The hot loops of file scoring are compiled optimized at their first call: a 1M-row file is only ~90 chunks, so
    // tiered compilation would run a good share of them in unoptimized tier-0 code before promoting them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CsvChunkResult Score(ReadOnlySpan<byte> chunk)
    {
        var newlines = chunk.Count((byte)'\n');
        var width = _encoder.Width;
        var blockRows = Math.Min(BlockRows, newlines + 1);
        var block = ArrayPool<float>.Shared.Rent(Math.Max(1, blockRows * width));
        var probabilities = ArrayPool<float>.Shared.Rent(blockRows);
        var idStart = ArrayPool<int>.Shared.Rent(blockRows);
        var idLength = ArrayPool<int>.Shared.Rent(blockRows);
        var log = _keepForLog ? new CsvChunkLog(_layout, newlines + 1) : null;
        var output = new ScoreLines(chunk.Length + 64);
        try
        {
            var cursor = new CsvFieldCursor(chunk, 0);
            var rows = 0;
            long positive = 0;
            double sum = 0;
            while (!cursor.AtEnd)
            {
                // One block: parse and encode up to BlockRows records, score them, format them.
                var count = 0;
                block.AsSpan(0, blockRows * width).Clear();
                while (count < blockRows && !cursor.AtEnd)
                {
                    if (cursor.SkipEmptyLine())
                    {
                        continue;
                    }

                    var recordStart = cursor.Position;
                    var problem = ParseRecord(ref cursor, block.AsSpan(count * width, width), rows + count, log, out idStart[count], out idLength[count]);
                    if (problem is not null)
                    {
                        output.Dispose();
                        return new CsvChunkResult { ErrorLine = chunk[..recordStart].Count((byte)'\n'), Error = problem, Newlines = newlines };
                    }

                    count++;
                }

                var scores = probabilities.AsSpan(0, count);
                _engine.ScoreEncoded(block, count, scores);
                var threshold = _engine.Threshold;
                for (var r = 0; r < count; r++)
                {
                    var probability = scores[r];
                    var label = probability >= threshold;
                    output.Append(probability, _layout.IdField >= 0 ? chunk.Slice(idStart[r], idLength[r]) : default, _layout.IdField >= 0, label ? _positiveSuffix : _negativeSuffix);
                    positive += label ? 1 : 0;
                    sum += probability;
                    log?.Scored(rows + r, probability, _layout.IdField >= 0 ? chunk.Slice(idStart[r], idLength[r]) : default);
                }

                rows += count;
            }

            return new CsvChunkResult
            {
                Output = output.Detach(out var length),
                OutputLength = length,
                Rows = rows,
                Positive = positive,
                ProbabilitySum = sum,
                Newlines = newlines,
                Ids = _layout.IdField >= 0 ? log?.Ids(rows) : null,
                Probabilities = log?.Probabilities(rows),
                Inputs = log?.Table(rows),
            };
        }
        finally
        {
            ArrayPool<float>.Shared.Return(block);
            ArrayPool<float>.Shared.Return(probabilities);
            ArrayPool<int>.Shared.Return(idStart);
            ArrayPool<int>.Shared.Return(idLength);
        }
    }

    /// <summary>Parses one record into its encoded row; null, or the problem (the whole run stops on it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ParseRecord(ref CsvFieldCursor cursor, Span<float> row, int rowIndex, CsvChunkLog? log, out int idStart, out int idLength)
    {
        idStart = idLength = 0;
        foreach (var input in _absentNumbers)
        {
            _encoder.Number(input, double.NaN, row);
        }

        var field = 0;
        bool end;
        do
        {
            var problem = cursor.Next(out var raw, out var value, out var escaped, out end);
            if (problem is not null)
            {
                return problem;
            }

            if (field >= _layout.FieldCount)
            {
                field++;
                continue;
            }

            if (field == _layout.IdField)
            {
                // The id goes out exactly as written (quotes included), so any value round-trips.
                idStart = cursor.FieldStart;
                idLength = raw.Length;
            }

            var input = _layout.InputOfField(field);
            if (input >= 0)
            {
                if (_isText[input])
                {
                    EncodeText(input, value, escaped, row, rowIndex, log);
                }
                else
                {
                    var spec = _layout.Inputs[input];
                    if (escaped || !CsvCells.TryNumber(value, spec.DataKind, out var number))
                    {
                        return $"column '{spec.Name}': '{Shorten(value)}' is not {CsvCells.Describe(spec.DataKind)}";
                    }

                    _encoder.Number(input, number, row);
                    log?.Number(input, rowIndex, number);
                }
            }

            field++;
        }
        while (!end);

        return field == _layout.FieldCount ? null : $"has {field} field(s), the header has {_layout.FieldCount}";
    }

    /// <summary>Decodes the cell into characters on the stack (doubled quotes undone) and encodes it; no string unless logged.</summary>
    private void EncodeText(int input, ReadOnlySpan<byte> value, bool escaped, Span<float> row, int rowIndex, CsvChunkLog? log)
    {
        if (log is null && !escaped && _encoder.TryKnownCategory(input, value, row))
        {
            return;
        }

        char[]? rented = null;
        var chars = value.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(value, chars);
            if (escaped)
            {
                length = Unescape(chars[..length]);
            }

            _encoder.Text(input, chars[..length], row);
            log?.Text(input, rowIndex, chars[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Turns each doubled quote into one, in place; returns the new length.</summary>
    internal static int Unescape(Span<char> text)
    {
        var to = 0;
        for (var from = 0; from < text.Length; from++)
        {
            text[to++] = text[from];
            if (text[from] == '"' && from + 1 < text.Length && text[from + 1] == '"')
            {
                from++;
            }
        }

        return to;
    }

    private static string Shorten(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value[..Math.Min(value.Length, 40)]);
        return value.Length > 40 ? text + "..." : text;
    }
}
