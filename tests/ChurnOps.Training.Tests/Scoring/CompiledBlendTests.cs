using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Training.Tests.Scoring;

/// <summary>A blend, saved and loaded as serving loads it, is scored from its members' compiled forms, equal to ML.NET bit for bit.</summary>
public sealed class CompiledBlendTests
{
    [Theory]
    [InlineData("lightgbm,logreg")]
    [InlineData("fasttree,fastforest,sdca")]
    public async Task ScoringEngine_ReloadedBlend_IsCompiledAndEqualsMlNetBitForBit(string trainers)
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 31);
        var request = Requests.Fast(data, "churned", ["customer_id"], trainers.Split(',')) with { Winner = "blend", ImportanceRepeats = 0 };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error);
        using var stream = new MemoryStream();
        await outcome.WinnerPackage!.SaveAsync(stream, CancellationToken.None);
        stream.Position = 0;
        var package = await ModelPackage.LoadAsync(stream, CancellationToken.None);
        using var engine = new ScoringEngine(package, poolSize: 1);
        var rows = data.RowCount;
        var dims = package.Encoder.Dimension;
        var block = new float[rows * dims];
        package.Encoder.Encode(data, 0, rows, block);
        var reference = new float[rows];
        ModelScorer.Predict(package.Model, block, dims, rows, reference);

        var batch = engine.ScoreBatch(data);
        var single = engine.Score(ScoringEngineTests.Row(data, 7));

        Assert.Equal("blend", package.Metadata.Trainer);
        Assert.True(engine.UsesCompiledScorer, $"the blend of {trainers} fell back to ML.NET");
        Assert.Equal(trainers.Split(',').Length, Assert.IsType<CompiledBlend>(CompiledScorers.TryCompile(package.Model)).MemberCount);
        Assert.Equal(reference, batch);
        Assert.Equal(reference[7], single.Probability);
    }

    [Fact]
    public async Task TryCompile_SingleCandidate_IsNotABlend()
    {
        var data = ChurnShapedTables.Mixed(800, seed: 32);
        var outcome = await new CandidateTrainer().TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["lightgbm"]) with { ImportanceRepeats = 0 }, null, CancellationToken.None);

        Assert.Null(CompiledBlend.TryCompile(outcome.WinnerPackage!.Model));
    }
}
