using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Pipelines;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>A real SQLite metadata file, the pipeline store and event log over it, a fake clock, and test step actions.</summary>
internal sealed class PipelineTestBed : IDisposable
{
    private readonly TempDirectory _directory;

    private PipelineTestBed(TempDirectory directory, FakeTimeProvider time, SqliteMetadataDatabase database, IReadOnlyList<IPipelineStepAction> actions, int maxParallel)
    {
        _directory = directory;
        Time = time;
        Store = new SqlPipelineRunStore(database, time);
        Events = new SqlEventLog(database, time);
        Config = new ProjectConfig { Pipelines = new PipelineSettings { MaxParallelSteps = maxParallel, LeaseSeconds = 60 } };
        Actions = new StepActionRegistry(actions);
        Runner = new PipelineRunner(Store, Actions, ProjectLayout.For(_directory.Path), Config, time);
        Dispatcher = new PipelineDispatcher(Store, Events, Runner, time);
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public SqlPipelineRunStore Store { get; }

    public SqlEventLog Events { get; }

    public ProjectConfig Config { get; }

    public StepActionRegistry Actions { get; }

    public PipelineRunner Runner { get; }

    public PipelineDispatcher Dispatcher { get; }

    public string Root => _directory.Path;

    public static async Task<PipelineTestBed> CreateAsync(Func<FakeTimeProvider, IReadOnlyList<IPipelineStepAction>>? actions = null, int maxParallel = 4, DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? Start);
        var directory = new TempDirectory();
        var database = await SqliteMetadataDatabase.OpenAsync(Path.Combine(directory.Path, "metadata.db"), SchemaMigrationCatalog.All, time, CancellationToken.None);
        return new PipelineTestBed(directory, time, database, actions?.Invoke(time) ?? [], maxParallel);
    }

    /// <summary>A pipeline from YAML, which must read and validate without errors against this bed's actions.</summary>
    public PipelineDefinition Pipeline(string yaml)
    {
        var parsed = PipelineFileReader.Read("pipelines/test.yaml", yaml);
        var issues = PipelineValidator.Validate(parsed, new PipelineValidationContext(Actions.Describe(), new HashSet<string> { "customers" }, new HashSet<string> { "churn" }));
        Assert.True(issues.All(i => !i.IsError), string.Join("\n", issues));
        return parsed.Definition!;
    }

    /// <summary>Queues a run by hand and starts it; the task ends when the run does.</summary>
    public async Task<(PipelineRun Run, Task<PipelineRun?> Done)> StartAsync(PipelineDefinition pipeline, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var (run, error) = await Dispatcher.QueueManualAsync(pipeline, parameters ?? new Dictionary<string, string>(), CancellationToken.None);
        Assert.True(run is not null, error);
        return (run!, Task.Run(() => Dispatcher.ExecuteAsync(pipeline, run!, CancellationToken.None)));
    }

    /// <summary>Waits (bounded) until the run's attempts satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<StepAttempt>> WaitForAttemptsAsync(long runId, Func<IReadOnlyList<StepAttempt>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var attempts = await Store.ListAttemptsAsync(runId, CancellationToken.None);
            if (condition(attempts))
            {
                return attempts;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for: " + string.Join("; ", attempts.Select(a => $"{a.Step}#{a.Attempt} {a.State}")));
            await Task.Delay(10);
        }
    }

    /// <summary>Waits (bounded) for <paramref name="condition"/> to hold.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(10);
        }
    }

    /// <summary>Waits (bounded) for an asynchronous <paramref name="condition"/> to hold.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(10);
        }
    }

    public static async Task<PipelineRun> FinishedAsync(Task<PipelineRun?> done)
    {
        var run = await done.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(run);
        return run!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
