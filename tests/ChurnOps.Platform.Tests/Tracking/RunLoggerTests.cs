using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Tracking;

public sealed class RunLoggerTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-runlogger-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private ChurnOpsWorkspace _workspace = null!;

    public async Task InitializeAsync()
    {
        await ProjectTemplate.WriteAsync(_root, overwrite: false, Ct);
        _workspace = (await ChurnOpsWorkspace.OpenAsync(_root, _time, Ct)).Workspace!;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task FullRun_LogsEverything_AndRunIsReadableFromTheStore()
    {
        var logger = _workspace.Services.GetRequiredService<RunLogger>();
        var experimentId = await logger.GetOrCreateExperimentAsync("churn", Ct);
        Assert.Equal(experimentId, await logger.GetOrCreateExperimentAsync("churn", Ct));

        var runId = await logger.StartRunAsync(experimentId, "lightgbm", new Dictionary<string, string> { ["candidate"] = "lightgbm" }, Ct);
        await logger.LogParamsAsync(runId, new Dictionary<string, string> { ["num_leaves"] = "31" }, Ct);
        await logger.LogMetricsAsync(runId, new Dictionary<string, double> { ["auc"] = 0.81 }, 0, Ct);
        _time.Advance(TimeSpan.FromSeconds(5));
        await logger.LogMetricsAsync(runId, new Dictionary<string, double> { ["auc"] = 0.84 }, 1, Ct);
        await logger.SetTagsAsync(runId, new Dictionary<string, string> { ["gate"] = "passed" }, Ct);
        await logger.LogInputAsync(runId, "staging.customers", new string('f', 64), "staging.customers", Ct);
        var path = await logger.LogArtifactAsync(runId, "model/model.zip", (s, ct) => s.WriteAsync(new byte[] { 1, 2, 3 }, ct).AsTask(), Ct);
        await logger.EndRunAsync(runId, RunStatus.Finished, Ct);

        Assert.Matches("^[0-9a-f]{32}$", runId);
        Assert.Equal($"tracking/{experimentId}/{runId}/artifacts/model/model.zip", path);
        Assert.True(await _workspace.Artifacts.ExistsAsync(path, Ct));
        var run = (await logger.Runs.GetRunAsync(runId, Ct)).Value!;
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), run.Info.EndTime);
        Assert.Equal(0.84, Assert.Single(run.Data.Metrics).Value);
        Assert.Contains(run.Data.Tags, t => t.Key == "gate" && t.Value == "passed");
        Assert.Contains(run.Data.Tags, t => t.Key == "mlflow.user");
        Assert.Equal("staging.customers", Assert.Single(run.Inputs).Dataset.Name);
    }

    [Fact]
    public async Task LogArtifact_PathWithDotDot_ThrowsAndWritesNothing()
    {
        var logger = _workspace.Services.GetRequiredService<RunLogger>();
        var runId = await logger.StartRunAsync("0", "r", new Dictionary<string, string>(), Ct);

        var error = await Assert.ThrowsAsync<TrackingException>(() => logger.LogArtifactAsync(runId, "../../escape.txt", (s, ct) => Task.CompletedTask, Ct));

        Assert.Equal(TrackingErrorCode.InvalidParameterValue, error.Error.Code);
        Assert.False(File.Exists(Path.Combine(_workspace.Layout.StateDir, "escape.txt")));
    }

    [Fact]
    public async Task LogParams_ChangedValue_ThrowsInvalidParameter()
    {
        var logger = _workspace.Services.GetRequiredService<RunLogger>();
        var runId = await logger.StartRunAsync("0", "r", new Dictionary<string, string>(), Ct);
        await logger.LogParamsAsync(runId, new Dictionary<string, string> { ["seed"] = "1" }, Ct);

        var error = await Assert.ThrowsAsync<TrackingException>(() => logger.LogParamsAsync(runId, new Dictionary<string, string> { ["seed"] = "2" }, Ct));

        Assert.Equal(TrackingErrorCode.InvalidParameterValue, error.Error.Code);
    }

    [Fact]
    public async Task EndRun_UnknownRun_ThrowsNotFound()
    {
        var logger = _workspace.Services.GetRequiredService<RunLogger>();

        var error = await Assert.ThrowsAsync<TrackingException>(() => logger.EndRunAsync(new string('0', 32), RunStatus.Finished, Ct));

        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, error.Error.Code);
    }
}
