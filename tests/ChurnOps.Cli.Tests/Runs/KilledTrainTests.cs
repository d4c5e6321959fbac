using System.Diagnostics;
using System.Globalization;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Runs;

/// <summary>A `churnops train` killed with SIGKILL leaves RUNNING runs; the next project command ends them as FAILED with the reason. Real processes.</summary>
public sealed class KilledTrainTests : TemplateProjectTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task RunsList_AfterTrainWasKilled_ItsRunsAreFailedWithTheReason()
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(Project.Root, TimeProvider.System, Ct);
        Assert.True(workspace is not null, error);
        await workspace.Warehouse.ExecuteInTransactionAsync(
        [
            "SELECT setseed(0.42)",
            "CREATE TABLE staging.train_set AS SELECT range AS id, random() AS x1, random() AS x2, random() AS x3, random() AS x4, " +
            "CASE WHEN random() < 0.3 THEN 1 ELSE 0 END AS y FROM range(60000)",
        ], Ct);
        var queries = workspace.Services.GetRequiredService<RunQueries>();

        using var train = CliProcess.Start(Project.Root, "train", "--table", "staging.train_set", "--label", "y", "--id", "id", "--trainers", "lightgbm,fastforest,fasttree",
            "--search-trials", "8", "--cv-folds", "5", "--dir", Project.Root);
        var pid = train.Id.ToString(CultureInfo.InvariantCulture);
        var drained = Task.WhenAll(train.StandardOutput.ReadToEndAsync(Ct), train.StandardError.ReadToEndAsync(Ct));
        IReadOnlyList<Run> running = [];
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (running.Count == 0 && !train.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            running = (await queries.ListAsync(null, "attributes.status = 'RUNNING'", [], 100, Ct)).Value ?? [];
        }

        train.Kill(entireProcessTree: true);
        await train.WaitForExitAsync(Ct);
        await drained;
        Assert.NotEmpty(running);
        Assert.All(running, r => Assert.Contains(r.Data.Tags, t => t.Key == RunOwner.PidTag && t.Value == pid));

        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "runs", "list", "--dir", Project.Root);

        Assert.True(code == 0, stderr);
        Assert.Contains("marked FAILED", stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED", stdout, StringComparison.Ordinal);
        foreach (var run in running)
        {
            var after = (await queries.GetAsync(run.Info.RunId, Ct)).Value!;
            Assert.Equal(RunStatus.Failed, after.Info.Status);
            Assert.NotNull(after.Info.EndTime);
            Assert.Contains($"pid {pid} on ", after.Data.Tags.Single(t => t.Key == RunOwner.FailureReasonTag).Value, StringComparison.Ordinal);
        }

        var again = await CliProcess.RunAsync(Project.Root, "runs", "reap", "--dir", Project.Root);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("No RUNNING run has lost its process.", again.Stdout, StringComparison.Ordinal);
    }
}
