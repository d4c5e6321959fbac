using System.Diagnostics;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Pipelines;

namespace ChurnOps.Bench.Pipelines;

/// <summary>
/// 1,000 runs of a five-step no-op DAG (a diamond and a tail) through the whole runner: queue, claim with a lease,
/// every attempt recorded in the SQLite metadata file, outputs handed on. Baseline in the same run: the same five
/// no-op calls made one after the other. The difference per step is the scheduler's overhead.
/// </summary>
internal sealed class PipelineRunnerHarness : IBenchHarness
{
    private const string Dag = """
        name: bench
        owner: bench
        steps:
          - { name: extract, run: noop }
          - { name: left, run: noop, args: { value: "${steps.extract.outputs.n}" }, needs: [extract] }
          - { name: right, run: noop, needs: [extract] }
          - { name: join, run: noop, needs: [left, right] }
          - { name: publish, run: noop, needs: [join] }
        """;

    public string Name => "pipelines";

    public string Description => "1,000 runs of a 5-step no-op DAG through the runner (SQLite history) vs the same 5 calls made in sequence";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var runs = quick ? 200 : 1000;
        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-pipelines-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var time = TimeProvider.System;
            var database = await SqliteMetadataDatabase.OpenAsync(Path.Combine(root, "metadata.db"), SchemaMigrationCatalog.All, time, cancellationToken);
            var store = new SqlPipelineRunStore(database, time);
            var action = new NoOpAction();
            var actions = new StepActionRegistry([action]);
            var runner = new PipelineRunner(store, actions, ProjectLayout.For(root), new ProjectConfig(), time);
            var dispatcher = new PipelineDispatcher(store, new SqlEventLog(database, time), runner, time);
            var parsed = PipelineFileReader.Read("pipelines/bench.yaml", Dag);
            var pipeline = parsed.Definition ?? throw new InvalidOperationException(string.Join("; ", parsed.Issues));
            var parameters = new Dictionary<string, string>();

            // Warm both paths (JIT, SQLite pages) before measuring.
            for (var i = 0; i < 20; i++)
            {
                await RunOnceAsync(dispatcher, pipeline, parameters, cancellationToken);
                await SequentialAsync(action, pipeline, cancellationToken);
            }

            var runner5 = new List<double>(runs);
            var plain5 = new List<double>(runs);
            for (var i = 0; i < runs; i++)
            {
                // Interleaved, so both see the same machine noise.
                var watch = Stopwatch.StartNew();
                await RunOnceAsync(dispatcher, pipeline, parameters, cancellationToken);
                runner5.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await SequentialAsync(action, pipeline, cancellationToken);
                plain5.Add(watch.Elapsed.TotalMilliseconds);
            }

            var perStep = runner5.Select(r => r / pipeline.Steps.Count).ToList();
            var plainPerStep = plain5.Select(r => r / pipeline.Steps.Count).ToList();
            var overhead = runner5.Zip(plain5, (r, p) => (r - p) / pipeline.Steps.Count).ToList();
            Console.WriteLine($"{runs:N0} runs x {pipeline.Steps.Count} steps (each run: queue, claim, 5 attempts recorded, finish)");
            Console.WriteLine($"  runner      per run  median {Median(runner5),8:F3} ms  p95 {Percentile(runner5, 0.95),8:F3} ms   per step median {Median(perStep),7:F3} ms");
            Console.WriteLine($"  sequential  per run  median {Median(plain5),8:F3} ms  p95 {Percentile(plain5, 0.95),8:F3} ms   per step median {Median(plainPerStep),7:F3} ms");
            Console.WriteLine($"  scheduler overhead per step: median {Median(overhead):F3} ms, p95 {Percentile(overhead, 0.95):F3} ms (target < 5 ms median)");
            Console.WriteLine($"  ratio runner / sequential (median run): {Median(runner5) / Math.Max(Median(plain5), 1e-6):F0}x");
            var history = await store.ListRunsAsync("bench", runs + 100, cancellationToken);
            Console.WriteLine($"  runs recorded: {history.Count(r => r.State == PipelineRunState.Succeeded):N0} succeeded of {history.Count:N0}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task RunOnceAsync(PipelineDispatcher dispatcher, PipelineDefinition pipeline, Dictionary<string, string> parameters, CancellationToken ct)
    {
        var (run, error) = await dispatcher.QueueManualAsync(pipeline, parameters, ct);
        var ended = await dispatcher.ExecuteAsync(pipeline, run ?? throw new InvalidOperationException(error), ct);
        if (ended?.State != PipelineRunState.Succeeded)
        {
            throw new InvalidOperationException($"run {run.Id}: {ended?.Error}");
        }
    }

    private static async Task SequentialAsync(NoOpAction action, PipelineDefinition pipeline, CancellationToken ct)
    {
        var run = new PipelineRun(0, pipeline.Name, PipelineRunState.Running, "bench", "bench", DateTimeOffset.UnixEpoch, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, null, null, null, null, null);
        foreach (var step in pipeline.Steps)
        {
            var outcome = await action.RunAsync(new StepContext(run, step, 1, step.Args, _ => { }, string.Empty), ct);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException(outcome.Error);
            }
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed class NoOpAction : IPipelineStepAction
    {
        private static readonly IReadOnlyDictionary<string, string> Outputs = new Dictionary<string, string> { ["n"] = "1" };

        public string Name => "noop";

        public IReadOnlyList<string> Arguments { get; } = ["value"];

        public Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(StepOutcome.Success(Outputs));
    }
}
