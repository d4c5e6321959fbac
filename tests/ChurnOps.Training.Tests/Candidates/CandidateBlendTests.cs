using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Training.Tests.Candidates;

/// <summary>The blend candidate: stacked from every trainer's out-of-fold probabilities, deterministic, and optional.</summary>
public sealed class CandidateBlendTests
{
    private static readonly CandidateTrainer Trainer = new();

    [Fact]
    public async Task TrainAsync_TwoTrainers_AddsABlendOfBothThatIsDeterministic()
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 21);
        var request = Requests.Fast(data, "churned", ["customer_id"], ["lightgbm", "logreg"]) with { Winner = "blend" };

        var first = await Trainer.TrainAsync(request, null, CancellationToken.None);
        var second = await Trainer.TrainAsync(request, null, CancellationToken.None);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(["lightgbm", "logreg", "blend"], first.Candidates.Select(c => c.Trainer));
        var blend = first.Winner!;
        Assert.Equal("blend", blend.Trainer);
        Assert.Equal("lightgbm,logreg", blend.Params["members"]);
        Assert.Equal(["lightgbm", "logreg"], CandidateTrainer.BlendMembers(blend.Params));
        Assert.Equal(first.Candidates[0].Params["num_leaves"], blend.Params["lightgbm.num_leaves"]);
        Assert.InRange(blend.ValidationMetrics["cv_auc_mean"], 0.7, 1);
        Assert.True(blend.TestMetrics["auc"] > 0.7, $"blend test auc {blend.TestMetrics["auc"]}");
        Assert.Equal(first.Evidence!.TestScores, second.Evidence!.TestScores);
        // Everything but the measured latency is a function of the data and the seed.
        Assert.Equal(blend.ValidationMetrics.Where(m => m.Key != "latency_p95_ms"), second.Winner!.ValidationMetrics.Where(m => m.Key != "latency_p95_ms"));
    }

    [Fact]
    public async Task TrainAsync_BlendOffOrOneTrainer_OffersNoBlend()
    {
        var data = ChurnShapedTables.Mixed(1200, seed: 22);

        var off = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["lightgbm", "logreg"]) with { Blend = false }, null, CancellationToken.None);
        var single = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"]), null, CancellationToken.None);

        Assert.Equal(["lightgbm", "logreg"], off.Candidates.Select(c => c.Trainer));
        Assert.Equal(["logreg"], single.Candidates.Select(c => c.Trainer));
        Assert.Empty(CandidateTrainer.BlendMembers(single.Winner!.Params));
    }

    [Fact]
    public async Task TrainAsync_TestRowsGiven_TestSplitIsExactlyThoseRows()
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 23);
        var testRows = Enumerable.Range(1200, 300).ToArray();
        var request = Requests.Fast(data, "churned", ["customer_id"], ["logreg"]) with { TestRows = testRows };

        var outcome = await Trainer.TrainAsync(request, null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(300, outcome.Data.TestRows);
        Assert.Equal(1200, outcome.Data.TrainRows + outcome.Data.ValidationRows);
        Assert.Equal(240, outcome.Data.ValidationRows);
        var ids = outcome.Evidence!.TestRows["customer_id"].Texts!.Order(StringComparer.Ordinal);
        Assert.Equal(testRows.Select(r => data["customer_id"].Texts![r]).Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task TrainAsync_TestRowsOfOneClassOrOutOfRange_ReturnsPreciseErrors()
    {
        var data = ChurnShapedTables.Mixed(1000, seed: 24);
        var labels = data["churned"].Texts!;
        var negatives = Enumerable.Range(0, data.RowCount).Where(r => labels[r] == "No").Take(50).ToArray();

        var oneClass = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"]) with { TestRows = negatives }, null, CancellationToken.None);
        var outOfRange = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"]) with { TestRows = [5, 1000] }, null, CancellationToken.None);

        Assert.Equal("the test rows have a single class (50 labelled rows, 0 positive); the test report needs both", oneClass.Error);
        Assert.Equal("test rows must be rows of the training data", outOfRange.Error);
    }

    [Fact]
    public async Task TrainAsync_PositiveLabelDeclared_OtherValuesAreTheNegativeClass()
    {
        var data = ChurnShapedTables.Mixed(1200, seed: 25);
        var words = data["churned"].Texts!.Select(v => v == "Yes" ? " Churned" : "Stayed").ToArray();
        var relabelled = new TabularData([.. data.Columns.Where(c => c.Name != "churned"), TabularColumn.Text("status", words)]);

        var undeclared = await Trainer.TrainAsync(Requests.Fast(relabelled, "status", ["customer_id"], ["logreg"]), null, CancellationToken.None);
        var declared = await Trainer.TrainAsync(Requests.Fast(relabelled, "status", ["customer_id"], ["logreg"]) with { PositiveLabel = "churned" }, null, CancellationToken.None);
        var absent = await Trainer.TrainAsync(Requests.Fast(relabelled, "status", ["customer_id"], ["logreg"]) with { PositiveLabel = "Left" }, null, CancellationToken.None);

        Assert.Contains("or declare the positive value (--positive)", undeclared.Error, StringComparison.Ordinal);
        Assert.True(declared.Succeeded, declared.Error);
        Assert.Equal(words.Count(w => w.Trim() == "Churned"), declared.Data.Positives);
        Assert.Equal("label column 'status' never holds the positive value 'Left' (it holds 'Churned', 'Stayed')", absent.Error);
    }
}
