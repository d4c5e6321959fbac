using ChurnOps.Platform.Training;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Training;

public sealed class TrainingUseCaseTests
{
    [Fact]
    public async Task TrainAsync_MisspeltGateInConfig_FailsNamingIt_AndRegistersNothing()
    {
        await using var project = await TestProject.CreateAsync();
        project.Workspace.Config.Gates["min_acu"] = 0.7;
        var job = new ModelTrainingJob(null, "churn", "churned", "test", 1, "tester");

        var result = await project.Workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(job, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("churnops.yaml gates: unknown gates: min_acu", result.Error, StringComparison.Ordinal);
        Assert.Empty(await project.Workspace.Registry.ListVersionsAsync("churn", CancellationToken.None));
    }
}
