using ChurnOps.Training.Candidates;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Training.Tests.Evaluation;

/// <summary>The evidence a winner carries is its real test split: rescoring it gives the training's own test metrics, bit for bit.</summary>
public sealed class HeldOutEvidenceTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Evidence_Winner_TestRowsLabelsAndScoresMatchTheTestSplit()
    {
        var evidence = fixture.Outcome.Evidence;

        Assert.NotNull(evidence);
        Assert.Equal(fixture.Outcome.Data.TestRows, evidence.TestRows.RowCount);
        Assert.Equal(evidence.TestRows.RowCount, evidence.TestScores.Length);
        Assert.Equal(evidence.TestRows.RowCount, evidence.TestLabels.Length);
        Assert.Equal(fixture.Outcome.Data.ValidationRows, evidence.ValidationScores.Length);
        Assert.Equal(fixture.Outcome.Winner!.Threshold, evidence.Threshold);
        Assert.True(evidence.TestRows.HasColumn("churned"));
        Assert.True(evidence.TestRows.HasColumn("customer_id"));
        // Every metric the trainer reported for test is recomputed exactly from the evidence.
        var recomputed = BinaryMetrics.Compute(evidence.TestScores, evidence.TestLabels, evidence.Threshold);
        Assert.Equal(fixture.Outcome.Winner.TestMetrics.OrderBy(m => m.Key), recomputed.OrderBy(m => m.Key));
    }

    [Fact]
    public void Score_PackageOnEvidenceRows_GivesTheRecordedScoresBitForBit()
    {
        var evidence = fixture.Outcome.Evidence!;

        var (scores, error) = HeldOutScorer.Score(fixture.Package, evidence.TestRows);

        Assert.Null(error);
        Assert.Equal(evidence.TestScores.Select(BitConverter.SingleToInt32Bits), scores!.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Score_RowsWithoutAnInputColumn_NamesIt()
    {
        var evidence = fixture.Outcome.Evidence!;
        var withoutTenure = new Core.Data.TabularData(evidence.TestRows.Columns.Where(c => c.Name != "tenure").ToList());

        var (scores, error) = HeldOutScorer.Score(fixture.Package, withoutTenure);

        Assert.Null(scores);
        Assert.Contains("missing column 'tenure'", error);
    }

    [Fact]
    public async Task Evidence_GatesFailed_IsNull()
    {
        var request = Requests.Fast(fixture.Data, "churned", ["customer_id"], ["logreg"], gates: EvaluationGates.None with { MinAuc = 1.01 });

        var outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);

        Assert.Null(outcome.Winner);
        Assert.Null(outcome.Evidence);
    }

    [Fact]
    public async Task Evidence_WinnerRetrainedAlone_GivesBitIdenticalTestScores()
    {
        // `reproduce` re-trains only the winning trainer: its search, split and fit must not depend on the other candidates.
        var all = await new CandidateTrainer().TrainAsync(Requests.Fast(fixture.Data, "churned", ["customer_id"], ["logreg", "lightgbm"], seed: 5, trials: 2), null, CancellationToken.None);
        var alone = await new CandidateTrainer().TrainAsync(Requests.Fast(fixture.Data, "churned", ["customer_id"], [all.Winner!.Trainer], seed: 5, trials: 2), null, CancellationToken.None);

        Assert.Equal(all.Winner.Params, alone.Winner!.Params);
        Assert.Equal(all.Evidence!.TestScores.Select(BitConverter.SingleToInt32Bits), alone.Evidence!.TestScores.Select(BitConverter.SingleToInt32Bits));
    }
}
