using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Training.Tests;

/// <summary>One small model trained once and shared by the scoring and packaging tests.</summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    public TabularData Data { get; } = ChurnShapedTables.Mixed(3000, seed: 7);

    public TrainingOutcome Outcome { get; private set; } = null!;

    public ModelPackage Package => Outcome.WinnerPackage!;

    public async Task InitializeAsync()
    {
        var request = Requests.Fast(Data, "churned", ["customer_id"], ["lightgbm"], seed: 11);
        Outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);
        Assert.True(Outcome.Succeeded, Outcome.Error);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
