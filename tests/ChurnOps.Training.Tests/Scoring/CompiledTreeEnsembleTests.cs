using ChurnOps.Training.Samples;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Training.Tests.Scoring;

public sealed class CompiledTreeEnsembleTests
{
    [Theory]
    [InlineData("lightgbm", true)]
    [InlineData("fasttree", true)]
    [InlineData("fastforest", false)]
    [InlineData("logreg", false)]
    public async Task ScoringEngine_PerTrainer_UsesCompiledTreesOnlyWhenIdenticalToMlNet(string trainer, bool compiled)
    {
        var data = SyntheticChurnData.BankChurnShaped(1200, seed: 21);
        var outcome = await new CandidateTrainer().TrainAsync(Requests.Fast(data, "Exited", ["RowNumber", "CustomerId"], [trainer]) with { ImportanceRepeats = 0 }, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error);
        var package = outcome.WinnerPackage!;

        using var engine = new ScoringEngine(package, poolSize: 1);
        var batch = engine.ScoreBatch(data);
        var dims = package.Encoder.Dimension;
        var block = new float[data.RowCount * dims];
        package.Encoder.Encode(data, 0, data.RowCount, block);
        var reference = new float[data.RowCount];
        ModelScorer.Predict(package.Model, block, dims, data.RowCount, reference);

        Assert.Equal(compiled, engine.UsesCompiledTrees);
        Assert.Equal(reference, batch);
    }
}
