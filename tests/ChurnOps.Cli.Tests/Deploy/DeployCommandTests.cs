using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests.Deploy;

/// <summary>`churnops deploy` and `churnops deployments …` on a real project (SQLite metadata), no server running.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DeployCommandTests : IAsyncLifetime
{
    private readonly TemplateProjectDirectory _project = new();

    public async Task InitializeAsync()
    {
        await _project.WriteAsync();
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_project.Root, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        for (var n = 1; n <= 3; n++)
        {
            var lineage = new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null);
            await workspace!.Registry.RegisterAsync(new NewModelVersion("churn", $"run-{n}", $"models/churn/{n}/model.zip", "logreg", new Dictionary<string, double>(), lineage, "test", null), CancellationToken.None);
            if (n < 3)
            {
                var approval = new ModelApproval("churn", n, ApprovalDecision.Approve, "mlops-team", "tester", DateTimeOffset.UtcNow, null, new Dictionary<string, double>(), new GateVerdict(true, new Dictionary<string, double>(), []));
                Assert.True((await workspace.Registry.RecordApprovalAsync(approval, CancellationToken.None)).IsSuccess);
            }
        }

        await workspace!.Registry.SetAliasAsync("churn", "champion", 1, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _project.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Deploy_ThenShowPauseRollback_EachStepPrintedAndKept()
    {
        var deploy = await InProcessCli.RunAsync("deploy", "churn", "--version", "2", "--canary", "20", "--interval", "30s", "--dir", _project.Root);
        var pause = await InProcessCli.RunAsync("deployments", "pause", "1", "--dir", _project.Root);
        var rollback = await InProcessCli.RunAsync("deployments", "rollback", "1", "--dir", _project.Root);
        var show = await InProcessCli.RunAsync("deployments", "show", "1", "--dir", _project.Root);
        var list = await InProcessCli.RunAsync("--json", "deployments", "list", "--dir", _project.Root);

        Assert.True(deploy.Code == 0, deploy.Error);
        Assert.Contains("deployment 1: churn v2 at 20% beside v1; steps 20,25,50,100, each judged after 00:00:30", deploy.Out, StringComparison.Ordinal);
        Assert.Equal((0, 0), (pause.Code, rollback.Code));
        Assert.Contains("paused", pause.Out, StringComparison.Ordinal);
        Assert.Contains("rolled-back", rollback.Out, StringComparison.Ordinal);
        Assert.Contains("paused by hand", show.Out, StringComparison.Ordinal);
        Assert.Contains("rolled back by hand", show.Out, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"RolledBack\"", list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: version 3 of 'churn' is pending approval; only an approved version can be deployed", "--version", "3")]
    [InlineData("error: model 'churn' has no version 9", "--version", "9")]
    [InlineData("error: weights: stable 80 + candidate 10 = 90; the arms' weights must add up to 100", "--version", "2", "--weights", "80,10")]
    [InlineData("error: --steps: 'x' is not a whole number (e.g. 10,25,50,100)", "--version", "2", "--steps", "10,x")]
    [InlineData("error: version 1 is already the stable version (churn@champion); deploy another version", "--version", "1")]
    public async Task Deploy_Refused_OneLineErrorAndNothingStarted(string expected, params string[] options)
    {
        var refused = await InProcessCli.RunAsync(["deploy", "churn", .. options, "--dir", _project.Root]);
        var list = await InProcessCli.RunAsync("--json", "deployments", "list", "--dir", _project.Root);

        Assert.Equal(1, refused.Code);
        Assert.Equal(expected, refused.Error.Trim());
        Assert.Equal("[]", list.Out.Trim());
    }

    [Fact]
    public async Task Deploy_SecondDeploymentOfTheModel_RefusedNamingTheFirst()
    {
        var first = await InProcessCli.RunAsync("deploy", "churn", "--version", "2", "--dir", _project.Root);
        var second = await InProcessCli.RunAsync("deploy", "churn", "--version", "2", "--canary", "5", "--dir", _project.Root);

        Assert.Equal((0, 1), (first.Code, second.Code));
        Assert.Equal("error: model 'churn' already has deployment 1 (active, version 2 at 10%); promote, roll back or wait for it first", second.Error.Trim());
    }
}
