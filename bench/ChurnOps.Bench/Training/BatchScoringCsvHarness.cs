using System.Diagnostics;
using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Serving.Files;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;
using DuckDB.NET.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Bench.Training;

/// <summary>
/// Batch scoring CSV file -> CSV file end to end (read, parse, encode, score, format, write) with the pipeline behind
/// `churnops score`, against two baselines in the same run: DuckDB copying the same CSV to another CSV without scoring
/// (the floor any CSV-to-CSV tool pays) and one ML.NET PredictionEngine scoring row by row (no file IO at all).
/// </summary>
internal sealed class BatchScoringCsvHarness : IBenchHarness
{
    public string Name => "batch-scoring-csv";

    public string Description => "churnops score CSV -> CSV rows/s, 1M rows (--quick: 200k), vs DuckDB CSV copy and a PredictionEngine loop";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = quick ? 200_000 : 1_000_000;
        var dir = Path.Combine(Path.GetTempPath(), $"churnops-bench-csv-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var train = ChurnShapedTables.BankChurnShaped(10_000, seed: 1);
            var request = new TrainingRequest(train, "Exited", ["RowNumber", "CustomerId"], ["lightgbm"], 1, 0.2, EvaluationGates.None)
            {
                SearchTrials = 1,
                ImportanceRepeats = 0,
                RenderPlots = false,
            };
            var outcome = await new CandidateTrainer().TrainAsync(request, null, cancellationToken).ConfigureAwait(false);
            var package = outcome.WinnerPackage ?? throw new InvalidOperationException(outcome.Error);
            using var engine = new ScoringEngine(package, 1);
            var data = ChurnShapedTables.BankChurnShaped(rows, seed: 2);
            var input = Path.Combine(dir, "in.csv");
            await WriteCsvAsync(data, input).ConfigureAwait(false);
            var output = Path.Combine(dir, "out.csv");
            Console.WriteLine($"model: {package.Metadata.Trainer}, compiled scorer: {engine.UsesCompiledScorer}; {rows:N0} rows, {new FileInfo(input).Length / 1e6:F0} MB CSV; {Environment.ProcessorCount} cores");

            double score = double.MaxValue, scoreCpu = double.MaxValue, copy = double.MaxValue;
            for (var round = 0; round < (quick ? 2 : 3); round++)
            {
                var cpu = Cpu();
                score = Math.Min(score, await TimeAsync(() => ScoreFileAsync(engine, input, output, cancellationToken)).ConfigureAwait(false));
                scoreCpu = Math.Min(scoreCpu, Cpu() - cpu);
                copy = Math.Min(copy, await TimeAsync(() => DuckDbCopyAsync(input, Path.Combine(dir, "copy.csv"), cancellationToken)).ConfigureAwait(false));
            }

            var expected = engine.ScoreBatch(data);
            var mismatches = CountMismatches(output, expected);
            var sample = Math.Min(rows, quick ? 50_000 : 100_000);
            var loop = PredictionEngineLoop(package, data, sample);
            var scoreRate = rows / score;
            Console.WriteLine($"churnops score CSV->CSV:            {scoreRate,12:N0} rows/s ({score:F2} s; scores differing from ScoreBatch: {mismatches})");
            Console.WriteLine($"DuckDB read_csv -> COPY csv (no scoring): {rows / copy,12:N0} rows/s ({copy:F2} s)");
            Console.WriteLine($"PredictionEngine row loop (no IO):  {sample / loop,12:N0} rows/s ({loop:F2} s for {sample:N0})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratios: churnops score / DuckDB CSV copy {copy / score:F2}x; / PredictionEngine loop {scoreRate / (sample / loop):F1}x; / pandas+xgboost 106k rows/s (PERFORMANCE.md) {scoreRate / 106_000:F1}x"));
            Breakdown(engine, data, input);
            Console.WriteLine($"per CPU-second: {rows / scoreCpu:N0} rows (x{Environment.ProcessorCount} cores = {rows / scoreCpu * Environment.ProcessorCount:N0} rows/s on an idle machine of this kind)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task ScoreFileAsync(ScoringEngine engine, string input, string output, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var sink = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var result = await CsvScoringPipeline.RunAsync(engine, 1, source, sink, "CustomerId", null, false, CsvScoringPipeline.DefaultChunkBytes, cancellationToken).ConfigureAwait(false);
        if (result.Error is not null)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    /// <summary>
    /// One thread, file already in memory, best of 3: the whole per-chunk work (parse + encode + score + format) against
    /// encode + score alone on the same rows already in columns, so the difference is what reading and writing CSV costs.
    /// </summary>
    private static void Breakdown(ScoringEngine engine, TabularData data, string input)
    {
        var bytes = File.ReadAllBytes(input);
        var headerEnd = Array.IndexOf(bytes, (byte)'\n') + 1;
        var header = System.Text.Encoding.UTF8.GetString(bytes, 0, headerEnd).TrimEnd().Split(',');
        var (layout, _) = CsvInputLayout.Create(header, engine.Signature, "CustomerId", null);
        var scorer = new CsvChunkScorer(engine, layout!, 1, keepForLog: false);
        var chunks = new List<(int Start, int Length)>();
        for (var at = headerEnd; at < bytes.Length;)
        {
            var length = Math.Min(CsvScoringPipeline.DefaultChunkBytes, bytes.Length - at);
            length = at + length == bytes.Length ? length : CsvChunkReader.LastRecordEnd(bytes.AsSpan(at, length));
            chunks.Add((at, length));
            at += length;
        }

        var probabilities = new float[data.RowCount];
        double whole = double.MaxValue, scoreOnly = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            whole = Math.Min(whole, Time(() =>
            {
                foreach (var (start, length) in chunks)
                {
                    var result = scorer.Score(bytes.AsSpan(start, length));
                    System.Buffers.ArrayPool<byte>.Shared.Return(result.Output!);
                }
            }));
            scoreOnly = Math.Min(scoreOnly, Time(() => engine.ScoreInto(data, probabilities)));
        }

        Console.WriteLine($"one thread, in memory: parse+encode+score+format {data.RowCount / whole:N0} rows/s; encode+score only {data.RowCount / scoreOnly:N0} rows/s (CSV parse+format = {(whole - scoreOnly) / whole:P0} of the time)");
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task DuckDbCopyAsync(string input, string output, CancellationToken cancellationToken)
    {
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv('{input}')) TO '{output}' (FORMAT csv, HEADER)";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static int CountMismatches(string output, float[] expected)
    {
        var mismatches = 0;
        var row = 0;
        foreach (var line in File.ReadLines(output).Skip(1))
        {
            var parts = line.Split(',');
            if (float.Parse(parts[1], CultureInfo.InvariantCulture) != expected[row++])
            {
                mismatches++;
            }
        }

        return mismatches + Math.Abs(expected.Length - row);
    }

    private static double PredictionEngineLoop(ModelPackage package, TabularData data, int rows)
    {
        var definition = SchemaDefinition.Create(typeof(EncodedInput));
        definition[nameof(EncodedInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, package.Encoder.Dimension);
        using var engine = package.Context.Model.CreatePredictionEngine<EncodedInput, ScoredOutput>(package.Model, ignoreMissingColumns: true, inputSchemaDefinition: definition);
        var input = new EncodedInput { Features = new float[package.Encoder.Dimension] };
        var output = new ScoredOutput();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < rows; i++)
        {
            package.Encoder.Encode(data, i, 1, input.Features);
            engine.Predict(input, ref output);
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task WriteCsvAsync(TabularData data, string path)
    {
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync(string.Join(',', data.Columns.Select(c => c.Name))).ConfigureAwait(false);
        var cells = new string[data.Columns.Count];
        for (var r = 0; r < data.RowCount; r++)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                var column = data.Columns[c];
                cells[c] = column.Texts is { } texts ? texts[r] ?? string.Empty
                    : double.IsNaN(column.Numbers![r]) ? string.Empty : column.Numbers[r].ToString("R", CultureInfo.InvariantCulture);
            }

            await writer.WriteLineAsync(string.Join(',', cells)).ConfigureAwait(false);
        }
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action().ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
