using System.Diagnostics;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Bench.Training;

/// <summary>
/// Batch scoring rows/s: <see cref="ScoringEngine.ScoreBatch"/> (parallel chunks) against the baseline of one
/// PredictionEngine scoring row by row, on the same bank-churn-shaped table and the same model (LightGBM unless
/// BENCH_TRAINER names another trainer: logreg, sdca, fasttree, fastforest).
/// </summary>
internal sealed class BatchScoringHarness : IBenchHarness
{
    public string Name => "training-batch-scoring";

    public string Description => "ScoringEngine.ScoreBatch rows/s vs a single PredictionEngine loop (target >= 1M rows/s)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = quick ? 200_000 : 1_000_000;
        var train = ChurnShapedTables.BankChurnShaped(10_000, seed: 1);
        var request = new TrainingRequest(train, "Exited", ["RowNumber", "CustomerId"], [Environment.GetEnvironmentVariable("BENCH_TRAINER") is { Length: > 0 } trainer ? trainer : "lightgbm"], 1, 0.2, EvaluationGates.None)
        {
            SearchTrials = 1,
            ImportanceRepeats = 0,
            RenderPlots = false,
        };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, cancellationToken).ConfigureAwait(false);
        var package = outcome.WinnerPackage ?? throw new InvalidOperationException(outcome.Error);
        var data = ChurnShapedTables.BankChurnShaped(rows, seed: 2);
        Console.WriteLine($"model: {package.Metadata.Trainer} {string.Join(' ', package.Metadata.Params.Select(p => p.Key + "=" + p.Value))}; {rows:N0} rows x {package.Signature.Inputs.Count} inputs; {Environment.ProcessorCount} cores");

        using var engine = new ScoringEngine(package, Environment.ProcessorCount);
        Console.WriteLine($"compiled fast path: {engine.UsesCompiledScorer}");
        engine.ScoreBatch(ChurnShapedTables.BankChurnShaped(20_000, seed: 3));
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        float[] batch = [];
        for (var i = 0; i < 3; i++)
        {
            var cpu = Cpu();
            var started = Stopwatch.GetTimestamp();
            batch = engine.ScoreBatch(data);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
            bestCpu = Math.Min(bestCpu, Cpu() - cpu);
        }

        var baselineRows = Math.Min(rows, quick ? 50_000 : 200_000);
        var baselineCpuStart = Cpu();
        var baseline = Baseline(package, data, baselineRows, out var baselineScores);
        var baselineCpu = Cpu() - baselineCpuStart;
        var mismatches = Enumerable.Range(0, baselineRows).Count(i => baselineScores[i] != batch[i]);
        var batchRate = rows / best;
        var baselineRate = baselineRows / baseline;
        Console.WriteLine($"ScoreBatch:              {batchRate,12:N0} rows/s ({best * 1000:N0} ms for {rows:N0})");
        Console.WriteLine($"single PredictionEngine: {baselineRate,12:N0} rows/s ({baseline * 1000:N0} ms for {baselineRows:N0})");
        Console.WriteLine($"ratio: {batchRate / baselineRate:N1}x; scores differing from baseline: {mismatches}");
        // On a shared machine wall time includes waiting for a core; CPU time does not. Rows per CPU-second times the
        // core count is what the same code would do on an idle machine of this kind.
        Console.WriteLine($"per CPU-second: ScoreBatch {rows / bestCpu:N0} rows (x{Environment.ProcessorCount} cores = {rows / bestCpu * Environment.ProcessorCount:N0} rows/s idle estimate); single PredictionEngine {baselineRows / baselineCpu:N0} rows; ratio {rows / bestCpu / (baselineRows / baselineCpu):N1}x");
        Breakdown(package, data, Math.Min(rows, 200_000));
    }

    /// <summary>
    /// Single-threaded split of the batch path into encoding and model evaluation, best of five interleaved rounds
    /// (interleaving keeps a noisy shared machine from favouring whichever ran in a quiet moment).
    /// </summary>
    private static void Breakdown(ModelPackage package, ChurnOps.Core.Data.TabularData data, int rows)
    {
        var dims = package.Encoder.Dimension;
        var block = new float[rows * dims];
        var scores = new float[rows];
        var compiled = CompiledScorers.TryCompile(package.Model);
        double encode = double.MaxValue, mlnet = double.MaxValue, fast = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            encode = Math.Min(encode, Time(() => package.Encoder.Encode(data, 0, rows, block)));
            mlnet = Math.Min(mlnet, Time(() => ModelScorer.Predict(package.Model, block, dims, rows, scores)));
            if (compiled is not null)
            {
                fast = Math.Min(fast, Time(() => compiled.Score(block, dims, rows, scores)));
            }
        }

        Console.WriteLine($"one thread, {rows:N0} rows x {dims} features, best of 5: encode {rows / encode:N0} rows/s; ML.NET transform {rows / mlnet:N0} rows/s; compiled ({compiled?.GetType().Name ?? "none"}) {rows / fast:N0} rows/s ({mlnet / fast:N1}x ML.NET)");
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Baseline(ModelPackage package, ChurnOps.Core.Data.TabularData data, int rows, out float[] scores)
    {
        var definition = SchemaDefinition.Create(typeof(EncodedInput));
        definition[nameof(EncodedInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, package.Encoder.Dimension);
        using var engine = package.Context.Model.CreatePredictionEngine<EncodedInput, ScoredOutput>(package.Model, ignoreMissingColumns: true, inputSchemaDefinition: definition);
        var input = new EncodedInput { Features = new float[package.Encoder.Dimension] };
        var output = new ScoredOutput();
        scores = new float[rows];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < rows; i++)
        {
            package.Encoder.Encode(data, i, 1, input.Features);
            engine.Predict(input, ref output);
            scores[i] = output.Probability;
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
