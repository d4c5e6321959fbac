using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using ChurnOps.Platform.Serving.Files;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Bench.Training;

/// <summary>
/// Where `churnops score` spends its CPU, phase by phase, on a registered model's package and a CSV file (the files
/// score-trainers.sh leaves: BENCH_MODEL=model.zip BENCH_IN=rows.csv): the one-off costs in a fresh process (package
/// load, compile + probe against ML.NET, first chunk), then per million rows on one thread with the file in memory:
/// record-aligned chunking, the field walk alone, parse + encode, scoring of encoded rows, formatting the scores, and
/// writing the output. Times are this process's CPU seconds (steady on a loaded machine); best of 3.
/// </summary>
internal sealed class BatchScoringPhasesHarness : IBenchHarness
{
    public string Name => "batch-scoring-phases";

    public string Description => "churnops score CPU per phase (BENCH_MODEL=model.zip BENCH_IN=rows.csv): load, probe, chunk, parse, encode, score, format, write";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var modelPath = Environment.GetEnvironmentVariable("BENCH_MODEL") ?? throw new InvalidOperationException("set BENCH_MODEL to a model.zip");
        var inputPath = Environment.GetEnvironmentVariable("BENCH_IN") ?? throw new InvalidOperationException("set BENCH_IN to a CSV file");
        var cpu = Cpu();
        ModelPackage package;
        await using (var stream = File.OpenRead(modelPath))
        {
            package = await ModelPackage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var load = Cpu() - cpu;
        cpu = Cpu();
        using var engine = new ScoringEngine(package, 1);
        var compile = Cpu() - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {package.Metadata.Trainer}, compiled: {engine.UsesCompiledScorer}; one-off CPU: load package {load:F3} s, compile + probe vs ML.NET {compile:F3} s"));

        var bytes = await File.ReadAllBytesAsync(inputPath, cancellationToken).ConfigureAwait(false);
        var headerEnd = Array.IndexOf(bytes, (byte)'\n') + 1;
        var header = System.Text.Encoding.UTF8.GetString(bytes, 0, headerEnd).TrimEnd().Split(',');
        var (layout, error) = CsvInputLayout.Create(header, engine.Signature, null, "customer_id");
        var scorer = new CsvChunkScorer(engine, layout ?? throw new InvalidOperationException(error), 1, keepForLog: false);
        var chunks = new List<(int Start, int Length)>();
        cpu = Cpu();
        for (var at = headerEnd; at < bytes.Length;)
        {
            var length = Math.Min(CsvScoringPipeline.DefaultChunkBytes, bytes.Length - at);
            length = at + length == bytes.Length ? length : CsvChunkReader.LastRecordEnd(bytes.AsSpan(at, length));
            chunks.Add((at, length));
            at += length;
        }

        var chunking = Cpu() - cpu;
        cpu = Cpu();
        var first = scorer.Score(bytes.AsSpan(chunks[0].Start, chunks[0].Length));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first chunk ({first.Rows:N0} rows, JIT included): {Cpu() - cpu:F3} s"));
        ArrayPool<byte>.Shared.Return(first.Output!);

        long rows = 0;
        double walk = double.MaxValue, whole = double.MaxValue, score = double.MaxValue, format = double.MaxValue, write = double.MaxValue;
        var encoded = new float[Math.Max(1, 1024 * engine.CellEncoder.Width)];
        var probabilities = new float[1024];
        var text = new byte[ScoreLines.MaxProbabilityBytes];
        for (var round = 0; round < (quick ? 1 : 3); round++)
        {
            walk = Math.Min(walk, Measure(() =>
            {
                foreach (var (start, length) in chunks)
                {
                    var cursor = new CsvFieldCursor(bytes.AsSpan(start, length), 0);
                    while (!cursor.AtEnd)
                    {
                        cursor.Next(out _, out _, out _, out _);
                    }
                }
            }));
            var outputs = new List<(byte[] Buffer, int Length)>();
            whole = Math.Min(whole, Measure(() =>
            {
                rows = 0;
                foreach (var (start, length) in chunks)
                {
                    var result = scorer.Score(bytes.AsSpan(start, length));
                    outputs.Add((result.Output!, result.OutputLength));
                    rows += result.Rows;
                }
            }));
            write = Math.Min(write, Measure(() =>
            {
                var path = Path.Combine(Path.GetTempPath(), $"churnops-phases-{Environment.ProcessId}.csv");
                using (var sink = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    foreach (var (buffer, length) in outputs)
                    {
                        sink.Write(buffer, 0, length);
                    }
                }

                File.Move(path, path + ".done", overwrite: true);
                File.Delete(path + ".done");
            }));
            foreach (var (buffer, _) in outputs)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            score = Math.Min(score, Measure(() =>
            {
                for (var done = 0L; done < rows; done += 1024)
                {
                    engine.ScoreEncoded(encoded, (int)Math.Min(1024, rows - done), probabilities);
                }
            }));
            format = Math.Min(format, Measure(() =>
            {
                var value = 0.123456789f;
                for (var r = 0L; r < rows; r++)
                {
                    ScoreLines.WriteProbability(value, text);
                    value = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) + 7919);
                }
            }));
        }

        var perMillion = 1e6 / rows;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows, {chunks.Count} chunks; CPU seconds per 1M rows on one thread (best of 3):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  chunking (record ends) {chunking * perMillion,7:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  field walk alone       {walk * perMillion,7:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  chunk total            {whole * perMillion,7:F3}  (parse + encode + score + format)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which scoring     {score * perMillion,7:F3}  (compiled scorer on encoded rows)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which formatting  {format * perMillion,7:F3}  (probability to UTF-8)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    parse + encode       {(whole - score - format) * perMillion,7:F3}  (the rest)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  write + rename         {write * perMillion,7:F3}"));
        if (Environment.GetEnvironmentVariable("BENCH_PARQUET") is { Length: > 0 } parquet)
        {
            await ParquetPhasesAsync(engine, parquet, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The Parquet route row group by row group: reading the model's columns and the ids, scoring, writing the output group.</summary>
    private static async Task ParquetPhasesAsync(ScoringEngine engine, string path, CancellationToken cancellationToken)
    {
        double read = 0, score = 0, write = 0;
        long rows = 0;
        var groups = 0;
        var output = Path.Combine(Path.GetTempPath(), $"churnops-phases-{Environment.ProcessId}.parquet");
        await using (var source = File.OpenRead(path))
        await using (var sink = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await using var reader = await Parquet.ParquetReader.CreateAsync(source, cancellationToken: cancellationToken).ConfigureAwait(false);
            var fields = reader.Schema.GetDataFields();
            var (layout, error) = CsvInputLayout.Create(fields.Select(f => f.Name).ToList(), engine.Signature, null, "customer_id");
            if (layout is null)
            {
                throw new InvalidOperationException(error);
            }

            var idField = layout.IdField >= 0 ? fields[layout.IdField] : null;
            await using var writer = await ParquetScoreWriter.CreateAsync(sink, layout.IdName, idField, 1, cancellationToken).ConfigureAwait(false);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var cpu = Cpu();
                using var group = reader.OpenRowGroupReader(g);
                var count = (int)group.RowCount;
                var columns = new List<ChurnOps.Core.Data.TabularColumn>();
                for (var i = 0; i < layout.Inputs.Count; i++)
                {
                    var (column, _) = await ParquetColumnReader.ReadAsync(group, layout.FieldOfInput[i] >= 0 ? fields[layout.FieldOfInput[i]] : null, layout.Inputs[i], count, cancellationToken).ConfigureAwait(false);
                    columns.Add(column!);
                }

                var ids = idField is null ? null : await ParquetColumnReader.ReadIdsAsync(group, idField, count, cancellationToken).ConfigureAwait(false);
                read += Cpu() - cpu;
                cpu = Cpu();
                var probabilities = engine.ScoreBatch(new ChurnOps.Core.Data.TabularData(columns));
                score += Cpu() - cpu;
                cpu = Cpu();
                await writer.WriteAsync(ids, probabilities, engine.Threshold, cancellationToken).ConfigureAwait(false);
                write += Cpu() - cpu;
                rows += count;
                groups++;
            }
        }

        File.Delete(output);
        var perMillion = 1e6 / rows;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Parquet {rows:N0} rows in {groups} row groups, CPU seconds per 1M rows (one pass, first group's JIT included):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  read model columns + ids {read * perMillion,7:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  encode + score (table)   {score * perMillion,7:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  write output row group   {write * perMillion,7:F3}"));
    }

    private static double Measure(Action action)
    {
        var started = Cpu();
        action();
        return Cpu() - started;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
