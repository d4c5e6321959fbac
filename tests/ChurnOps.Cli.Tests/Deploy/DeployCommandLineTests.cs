using System.Globalization;
using ChurnOps.Cli.Commands;
using ChurnOps.Platform.Serving.Files;

namespace ChurnOps.Cli.Tests.Deploy;

/// <summary>The churnops command lines in deploy/k8s parse with the real command tree (what the container would run).</summary>
public sealed class DeployCommandLineTests
{
    [Fact]
    public void ScoreJob_EveryCompletionIndex_ParsesAndTheShardsCoverTheCompletions()
    {
        var job = DeployFiles.Object("Job", "churnops-score");
        var spec = DeployFiles.Map(job, "spec");
        Assert.Equal("Indexed", DeployFiles.Text(spec, "completionMode"));
        var completions = int.Parse(DeployFiles.Text(spec, "completions")!, CultureInfo.InvariantCulture);
        var args = DeployFiles.Strings(DeployFiles.Containers(job).Single(), "args");
        Assert.Equal("score", args[0]);
        for (var index = 0; index < completions; index++)
        {
            // Kubernetes expands $(JOB_COMPLETION_INDEX) from the pod's environment before the process starts.
            var expanded = args.Select(a => a.Replace("$(JOB_COMPLETION_INDEX)", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToArray();
            var parse = CommandCatalog.Build().Parse(expanded);
            Assert.Empty(parse.Errors);
            var (shard, error) = RowShard.Parse(expanded[Array.IndexOf(expanded, "--shard") + 1]);
            Assert.True(shard is not null, error);
            Assert.Equal(new RowShard(index, completions), shard);
        }
    }

    [Fact]
    public void Scheduler_Arguments_ParseOnTheRealCommandTree()
    {
        var args = DeployFiles.Strings(DeployFiles.Containers(DeployFiles.Object("Deployment", "churnops-scheduler")).Single(), "args").ToArray();
        Assert.Equal("scheduler", args[0]);
        Assert.Empty(CommandCatalog.Build().Parse(args).Errors);
    }
}
