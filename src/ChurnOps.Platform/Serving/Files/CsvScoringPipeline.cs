using System.Buffers;
using System.Text;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// CSV in, CSV out: reads record-aligned chunks, scores them in parallel on the thread pool (parse, encode, score and format
/// per chunk) and writes their output in input order as each is done. Stops at the first bad record and names its line; the caller owns
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
        var linesBefore = (long)first.AsSpan(0, headerEnd).Count((byte)'\n');
        long rows = 0, positive = 0;
        double sum = 0;
        var logged = new List<CsvChunkResult>();

        // Chunks are scored on the thread pool while this loop reads ahead and writes finished chunks in input order:
        // reading, scoring and writing overlap, and at most InFlight chunks (their input and output) are held at once.
        var inFlight = new Queue<(Task<CsvChunkResult> Scoring, byte[] Buffer)>();
        var limit = Math.Max(2, Environment.ProcessorCount * 2);
        inFlight.Enqueue((Start(scorer, first, headerEnd, firstLength, cancellationToken), first));
        var endOfInput = false;
        try
        {
            while (true)
            {
                while (!endOfInput && inFlight.Count < limit)
                {
                    var (buffer, length) = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (buffer is null)
                    {
                        endOfInput = true;
                        break;
                    }

                    inFlight.Enqueue((Start(scorer, buffer, 0, length, cancellationToken), buffer));
                }

                if (inFlight.Count == 0)
                {
                    break;
                }

                var (scoring, chunkBuffer) = inFlight.Peek();
                var result = await scoring.ConfigureAwait(false);
                inFlight.Dequeue();
                Return(chunkBuffer);
                try
                {
                    if (result.Error is not null)
                    {
                        return CsvScoreOutcome.Failed($"line {linesBefore + result.ErrorLine + 1}: {result.Error}");
                    }

                    await output.WriteAsync(result.Output.AsMemory(0, result.OutputLength), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Return(result.Output);
                }

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
            // After an error or a cancellation the chunks still being scored read their buffers: wait, then return them.
            while (inFlight.TryDequeue(out var pending))
            {
                try
                {
                    Return((await pending.Scoring.ConfigureAwait(false)).Output);
                }
                catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or ArgumentException)
                {
                    // Already failing; the first problem is the one reported.
                }

                Return(pending.Buffer);
            }
        }

        return new CsvScoreOutcome(null, rows, positive, sum, layout.IdName, logged);
    }

    private static Task<CsvChunkResult> Start(CsvChunkScorer scorer, byte[] buffer, int from, int to, CancellationToken cancellationToken) =>
        Task.Run(() => scorer.Score(buffer.AsSpan(from, to - from)), cancellationToken);

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
