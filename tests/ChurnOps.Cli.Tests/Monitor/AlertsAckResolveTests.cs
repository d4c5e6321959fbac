using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Monitor;

/// <summary>`churnops alerts ack|resolve` and `monitor run` refusals on a real project, in process.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AlertsAckResolveTests : IAsyncLifetime
{
    private readonly TemplateProjectDirectory _project = new();

    public Task InitializeAsync() => _project.WriteAsync();

    public Task DisposeAsync()
    {
        _project.Delete();
        return Task.CompletedTask;
    }

    private async Task<Alert> RaiseDriftAsync()
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_project.Root, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var (alert, created) = await workspace.Services.GetRequiredService<IAlertLifecycle>().RaiseOnceAsync(
            new Alert(0, Alert.DriftDetected, "churn/v1", "column drift", "2/13", "any", "mlops-team", "churn v1: 2 of 13 input columns drifted", DateTimeOffset.UtcNow) { Cause = "drift:churn:v1" },
            CancellationToken.None);
        Assert.True(created);
        return alert;
    }

    [Fact]
    public async Task AlertsAckThenResolve_MovesTheAlertAndListShowsItsStatus()
    {
        var alert = await RaiseDriftAsync();
        var id = alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var ack = await InProcessCli.RunAsync("alerts", "ack", id, "--note", "on it", "--by", "ana", "--dir", _project.Root);
        var openList = await InProcessCli.RunAsync("alerts", "list", "--status", "acked", "--dir", _project.Root);
        var resolve = await InProcessCli.RunAsync("alerts", "resolve", id, "--dir", _project.Root);
        var ackAgain = await InProcessCli.RunAsync("alerts", "ack", id, "--dir", _project.Root);
        var stillOpen = await InProcessCli.RunAsync("alerts", "list", "--status", "open", "--dir", _project.Root);

        Assert.Equal(0, ack.Code);
        Assert.Contains($"alert #{id} DriftDetected (churn/v1) is acked by ana", ack.Out, StringComparison.Ordinal);
        Assert.Contains("DriftDetected", openList.Out, StringComparison.Ordinal);
        Assert.Equal(0, resolve.Code);
        Assert.Contains("is resolved by", resolve.Out, StringComparison.Ordinal);
        Assert.Equal(1, ackAgain.Code);
        Assert.Equal($"error: alert {id} cannot be acked: it is already resolved", ackAgain.Error.Trim());
        Assert.DoesNotContain("DriftDetected", stillOpen.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsAck_UnknownId_OneLineErrorNonZeroExit()
    {
        var (code, _, error) = await InProcessCli.RunAsync("alerts", "ack", "999", "--dir", _project.Root);

        Assert.Equal(1, code);
        Assert.Equal("error: alert 999 does not exist", error.Trim());
    }

    [Fact]
    public async Task AlertsList_BadStatus_OneLineError()
    {
        var (code, _, error) = await InProcessCli.RunAsync("alerts", "list", "--status", "closed", "--dir", _project.Root);

        Assert.Equal(2, code);
        Assert.Equal("error: --status: 'closed' is not open, acked or resolved", error.Trim());
    }

    [Fact]
    public async Task MonitorRun_NoPredictionsLogged_OneLineErrorNoAlert()
    {
        var (code, output, error) = await InProcessCli.RunAsync("monitor", "run", "--model", "churn", "--window", "1d", "--dir", _project.Root);

        Assert.Equal(1, code);
        Assert.Equal("error: no predictions have been logged yet (monitoring.predictions does not exist); score with --log or serve the model first", error.Trim());
        Assert.DoesNotContain("alert", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorRun_BadWindow_OneLineErrorExit2()
    {
        var (code, _, error) = await InProcessCli.RunAsync("monitor", "run", "--window", "yesterday", "--dir", _project.Root);

        Assert.Equal(2, code);
        Assert.Equal("error: --window: 'yesterday' is not a duration; write a whole number and m, h, d or w (e.g. 1d, 12h)", error.Trim());
    }
}
