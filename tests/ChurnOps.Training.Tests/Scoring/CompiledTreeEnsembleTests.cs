using ChurnOps.Training.Candidates;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Training.Tests.Scoring;

public sealed class CompiledTreeEnsembleTests
{
    [Theory]
    [InlineData("lightgbm", true)]
    [InlineData("fasttree", true)]
    [InlineData("fastforest", true)]
    [InlineData("logreg", false)]
    [InlineData("sdca", false)]
    public async Task ScoringEngine_PerTrainer_UsesCompiledTreesOnlyWhenIdenticalToMlNet(string trainer, bool compiled)
    {
        var data = ChurnShapedTables.BankChurnShaped(1200, seed: 21);
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

    [Fact]
    public async Task ScoreBatch_ManyChunksOfALinearModel_EqualsRowByRowScores()
    {
        var train = ChurnShapedTables.Mixed(1200, seed: 22);
        var outcome = await new CandidateTrainer().TrainAsync(Requests.Fast(train, "churned", ["customer_id"], ["logreg"]) with { ImportanceRepeats = 0 }, null, CancellationToken.None);
        using var engine = new ScoringEngine(outcome.WinnerPackage!, poolSize: 2);
        var data = ChurnShapedTables.Mixed(20_000, seed: 23);

        var batch = engine.ScoreBatch(data);

        Assert.True(engine.UsesCompiledScorer);
        Assert.False(engine.UsesCompiledTrees);
        for (var i = 0; i < data.RowCount; i += 97)
        {
            Assert.Equal(engine.Score(ScoringEngineTests.Row(data, i)).Probability, batch[i]);
        }
    }
}
