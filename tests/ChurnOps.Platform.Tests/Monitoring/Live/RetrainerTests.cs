using ChurnOps.Core.Retraining;
using ChurnOps.Platform.Retraining;
using ChurnOps.Platform.Tracking;
using ChurnOps.Platform.Training;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Monitoring.Live;

public sealed class RetrainerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static Retrainer For(TestProject project) => new(
        project.Workspace.Config,
        project.Workspace.Services.GetRequiredService<IRetrainingStore>(),
        project.Workspace.Services.GetRequiredService<TrainingUseCase>(),
        project.Workspace.Services.GetRequiredService<RunLogger>(),
        project.Workspace.Time);

    [Fact]
    public async Task RetrainAsync_TriggerKindNotInRetrainOn_StartsNothingAndSaysWhy()
    {
        await using var project = await TestProject.CreateAsync();
        project.Workspace.Config.Monitoring.Retrain.On = ["performance"];

        var outcome = await For(project).RetrainAsync("churn", [new RetrainingTrigger("drift", "alert:1", "drifted"), new RetrainingTrigger("data.customers.updated", "event:4", "loaded")], "tester", Ct);

        Assert.Null(outcome.Run);
        Assert.Equal("drift, data.customers.updated fired, but monitoring.retrain.on is [performance]", outcome.NotStarted);
        Assert.Empty(await project.Workspace.Services.GetRequiredService<IRetrainingStore>().ListAsync(null, 10, Ct));
    }

    [Fact]
    public async Task RetrainAsync_TrainingRefused_RecordedAsFailedWithTheReasonAndNotRetriedForTheSameCause()
    {
        // No labels loaded: the training path refuses, and the retraining records why.
        await using var project = await TestProject.CreateAsync();
        var retrainer = For(project);

        var outcome = await retrainer.RetrainAsync("churn", [new RetrainingTrigger("data.customers.updated", "event:4", "loaded")], "tester", Ct);
        var again = await retrainer.RetrainAsync("churn", [new RetrainingTrigger("data.customers.updated", "event:4", "loaded")], "tester", Ct);

        Assert.Equal(RetrainingRun.Failed, outcome.Run!.Status);
        Assert.Contains("staging.labels", outcome.Run.Error, StringComparison.Ordinal);
        Assert.Equal(["event:4"], outcome.Run.Triggers.Select(t => t.Cause));
        Assert.Null(again.Run);
        Assert.Equal("already retrained for event:4", again.NotStarted);
    }
}
