using System.Text.Json;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Runs;

/// <summary>Runs the real command tree against a real project; stdout/stderr are captured, so these tests do not run in parallel with other console tests.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RunsCommandTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TemplateProjectDirectory _project = new();
    private string _first = string.Empty;
    private string _second = string.Empty;

    public async Task InitializeAsync()
    {
        await _project.WriteAsync();
        var workspace = (await ChurnOpsWorkspace.OpenAsync(_project.Root, TimeProvider.System, Ct)).Workspace!;
        var logger = workspace.Services.GetRequiredService<RunLogger>();
        var experimentId = await logger.GetOrCreateExperimentAsync("churn", Ct);
        _first = await logger.StartRunAsync(experimentId, "lightgbm", new Dictionary<string, string>(), Ct);
        await logger.LogParamsAsync(_first, new Dictionary<string, string> { ["trainer"] = "LightGbm", ["seed"] = "7" }, Ct);
        await logger.LogMetricsAsync(_first, new Dictionary<string, double> { ["auc"] = 0.84 }, 0, Ct);
        await logger.EndRunAsync(_first, "FINISHED", Ct);
        _second = await logger.StartRunAsync(experimentId, "fasttree", new Dictionary<string, string>(), Ct);
        await logger.LogParamsAsync(_second, new Dictionary<string, string> { ["trainer"] = "FastTree", ["seed"] = "7" }, Ct);
        await logger.LogMetricsAsync(_second, new Dictionary<string, double> { ["auc"] = 0.81 }, 0, Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        _project.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task List_Json_ReturnsBothRunsOfTheExperiment()
    {
        var (code, stdout, _) = await InProcessCli.RunAsync("runs", "list", "--experiment", "churn", "--json", "-C", _project.Root);

        Assert.Equal(0, code);
        var names = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("runName").GetString()).ToList();
        Assert.Equal(2, names.Count);
        Assert.Contains("lightgbm", names);
    }

    [Fact]
    public async Task List_WithFilter_PrintsOnlyMatchingRunAsPlainTable()
    {
        var (code, stdout, _) = await InProcessCli.RunAsync("runs", "list", "--filter", "metrics.auc > 0.82", "-C", _project.Root);

        Assert.Equal(0, code);
        Assert.Contains(_first, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_second, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FilterWithSql_FailsWithOneLineError()
    {
        var (code, _, stderr) = await InProcessCli.RunAsync("runs", "list", "--filter", "1=1; DROP TABLE tracking_runs", "-C", _project.Root);

        Assert.NotEqual(0, code);
        Assert.StartsWith("error: Invalid filter", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Show_KnownRun_PrintsParamsAndMetrics()
    {
        var (code, stdout, _) = await InProcessCli.RunAsync("runs", "show", _first, "-C", _project.Root);

        Assert.Equal(0, code);
        Assert.Contains("FINISHED", stdout, StringComparison.Ordinal);
        Assert.Contains("trainer\tLightGbm", stdout, StringComparison.Ordinal);
        Assert.Contains("auc\t0.84", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownRun_FailsWithNotFound()
    {
        var (code, _, stderr) = await InProcessCli.RunAsync("runs", "show", new string('0', 32), "-C", _project.Root);

        Assert.Equal(1, code);
        Assert.Contains("not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_TwoRuns_MarksDifferingParamsOnly()
    {
        var (code, stdout, _) = await InProcessCli.RunAsync("runs", "compare", _first, _second, "--json", "-C", _project.Root);

        Assert.Equal(0, code);
        var parameters = JsonDocument.Parse(stdout).RootElement.GetProperty("params").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("differs").GetBoolean());
        Assert.True(parameters["trainer"]);
        Assert.False(parameters["seed"]);
    }
}
