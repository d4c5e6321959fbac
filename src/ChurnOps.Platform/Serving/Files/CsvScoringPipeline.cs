using System.Buffers;
using System.Text;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// CSV in, CSV out: reads record-aligned chunks, scores a batch of them in parallel (parse, encode, score and format per
/// chunk), then writes their output in input order. Stops at the first bad record and names its line; the caller owns
/// the output stream and throws it away on an error.
/// </summary>
internal static class CsvScoringPipeline
{
    public const int DefaultChunkBytes = 1 << 20;

    public static async Task<CsvScoreOutcome> RunAsync(
        ScoringEngine engine, int modelVersion, Stream input, Stream output, string? idColumn, string? defaultIdColumn, bool keepForLog, int chunkBytes, CancellationToken cancellationToken)
    {
        var reader = new CsvChunkReader(input, chunkBytes);
        var (first, firstLength) = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (first is null || firstLength == 0)
        {
            Return(first);
            return CsvScoreOutcome.Failed("the file is empty (expected a header line)");
        }

        var start = first.AsSpan(0, firstLength).StartsWith("\uFEFF"u8) ? 3 : 0;
        var (header, headerEnd, headerError) = ReadHeader(first.AsSpan(0, firstLength), start);
        if (headerError is not null)
        {
            Return(first);
            return CsvScoreOutcome.Failed("line 1: " + headerError);
        }

        var (layout, layoutError) = CsvInputLayout.Create(header, engine.Signature, idColumn, defaultIdColumn);
        if (layout is null)
        {
            Return(first);
            return CsvScoreOutcome.Failed(layoutError!);
        }

        await output.WriteAsync(Encoding.UTF8.GetBytes(OutputHeader(layout.IdName)), cancellationToken).ConfigureAwait(false);
        var scorer = new CsvChunkScorer(engine, layout, modelVersion, keepForLog);
        var parallel = Environment.ProcessorCount;
        var linesBefore = (long)first.AsSpan(0, headerEnd).Count((byte)'\n');
        long rows = 0, positive = 0;
        double sum = 0;
        var logged = new List<CsvChunkResult>();
        var batch = new List<(byte[] Buffer, int Start, int Length)> { (first, headerEnd, firstLength) };
        while (true)
        {
            while (batch.Count < parallel * 2)
            {
                var (buffer, length) = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (buffer is null)
                {
                    break;
                }

                batch.Add((buffer, 0, length));
            }

            if (batch.Count == 0)
            {
                break;
            }

            var results = new CsvChunkResult[batch.Count];
            try
            {
                Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, i =>
                {
                    var (buffer, from, to) = batch[i];
                    results[i] = scorer.Score(buffer.AsSpan(from, to - from));
                });
                foreach (var result in results)
                {
                    if (result.Error is not null)
                    {
                        return CsvScoreOutcome.Failed($"line {linesBefore + result.ErrorLine + 1}: {result.Error}");
                    }

                    await output.WriteAsync(result.Output.AsMemory(0, result.OutputLength), cancellationToken).ConfigureAwait(false);
                    linesBefore += result.Newlines;
                    rows += result.Rows;
                    positive += result.Positive;
                    sum += result.ProbabilitySum;
                    if (keepForLog)
                    {
                        logged.Add(result);
                    }
                }
            }
            finally
            {
                foreach (var (buffer, _, _) in batch)
                {
                    Return(buffer);
                }

                foreach (var result in results)
                {
                    Return(result?.Output);
                }
            }

            batch.Clear();
        }

        return new CsvScoreOutcome(null, rows, positive, sum, layout.IdName, logged);
    }

    private static (List<string> Header, int End, string? Error) ReadHeader(ReadOnlySpan<byte> chunk, int start)
    {
        var header = new List<string>();
        var cursor = new CsvFieldCursor(chunk, start);
        bool end;
        do
        {
            var problem = cursor.Next(out _, out var value, out var escaped, out end);
            if (problem is not null)
            {
                return (header, 0, problem);
            }

            var name = Encoding.UTF8.GetString(value).Trim();
            header.Add(escaped ? name.Replace("\"\"", "\"", StringComparison.Ordinal) : name);
        }
        while (!end);

        return header.Count == 1 && header[0].Length == 0 ? (header, 0, "the header is empty") : (header, cursor.Position, null);
    }

    private static string OutputHeader(string? idName)
    {
        const string Columns = "probability,label,model_version\n";
        if (idName is null)
        {
            return Columns;
        }

        var quoted = idName.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + idName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : idName;
        return quoted + "," + Columns;
    }

    private static void Return(byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
