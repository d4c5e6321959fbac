using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Pipelines;

/// <summary>The server runs the project's event triggers in-process: an event on the log starts its pipeline, once.</summary>
public sealed class ServePipelinesTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-server-pipelines-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private ChurnOpsWorkspace _workspace = null!;

    public async Task InitializeAsync()
    {
        Assert.Null((await ProjectTemplate.WriteAsync(_root, false, CancellationToken.None)).Error);
        await File.AppendAllTextAsync(Path.Combine(_root, "churnops.yaml"), "pipelines:\n  poll_seconds: 1\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "pipelines", "on_customers.yaml"), """
            name: on_customers
            owner: data-engineering
            triggers:
              - event: data.customers.updated
            steps:
              - name: note
                shell: echo "run ${run.id}"
            """);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_root, TimeProvider.System, CancellationToken.None);
        Assert.Null(error);
        _workspace = workspace!;
        _app = ChurnOpsServer.Build(_workspace, new ServerOptions("http://127.0.0.1:0"));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Fact]
    public async Task Serve_EventOnTheLog_StartsItsPipelineOnceInProcess()
    {
        var store = _workspace.Services.GetRequiredService<IPipelineRunStore>();
        // The worker's first pass places its cursor; events from before it started trigger nothing.
        await WaitUntilAsync(async () => await store.GetCursorAsync(PipelineDispatcher.EventCursor, CancellationToken.None) is not null, "the worker's first pass");

        var appended = await _workspace.Events.AppendAsync("data.customers.updated", "customers", "{}", CancellationToken.None);
        await WaitUntilAsync(async () => (await store.ListRunsAsync("on_customers", 10, CancellationToken.None)).Any(r => r.State == PipelineRunState.Succeeded), "the triggered run to succeed");
        await WaitUntilAsync(async () => await store.GetCursorAsync(PipelineDispatcher.EventCursor, CancellationToken.None) >= appended.Id, "the cursor to pass the event");

        var run = Assert.Single(await store.ListRunsAsync("on_customers", 10, CancellationToken.None));
        Assert.Equal($"event:{appended.Id}", run.TriggerKey);
        var attempt = Assert.Single(await store.ListAttemptsAsync(run.Id, CancellationToken.None));
        Assert.Equal($"run {run.Id}\n", attempt.Log);

        // The step is exported at /metrics with the pipeline's team as its owner.
        using var http = new HttpClient { BaseAddress = new Uri(_app!.Urls.First()) };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = Assert.Single(metrics.Split('\n'), l => l.StartsWith("churnops_pipeline_step_attempts_total{", StringComparison.Ordinal) && l.Contains("pipeline=\"on_customers\"", StringComparison.Ordinal));
        Assert.Contains("owner=\"data-engineering\"", line, StringComparison.Ordinal);
        Assert.Contains("outcome=\"succeeded\"", line, StringComparison.Ordinal);
        Assert.EndsWith(" 1", line.Split(" # ")[0].TrimEnd(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
