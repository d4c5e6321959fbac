using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Training.Tests.Candidates;

public sealed class CandidateTrainerTests
{
    private static readonly CandidateTrainer Trainer = new();

    [Fact]
    public async Task TrainAsync_AllCandidatesOnSyntheticSignal_LearnsWellAboveChance()
    {
        var data = ChurnShapedTables.Mixed(2500, seed: 1);
        var request = Requests.Fast(data, "churned", ["customer_id"], ["lightgbm", "fasttree", "fastforest", "logreg", "sdca"], trials: 2) with { RenderPlots = true };
        var messages = new List<string>();

        var outcome = await Trainer.TrainAsync(request, new SyncProgress(messages), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(["lightgbm", "fasttree", "fastforest", "logreg", "sdca", "blend"], outcome.Candidates.Select(c => c.Trainer));
        Assert.All(outcome.Candidates, c =>
        {
            Assert.True(c.TestMetrics["auc"] > 0.7, $"{c.Trainer} test auc {c.TestMetrics["auc"]}");
            Assert.Equal(c.Trainer == "blend" ? 1 : 2, c.Trials.Count);
            foreach (var metric in new[] { "auc", "pr_auc", "accuracy", "precision", "recall", "f1", "log_loss", "brier" })
            {
                Assert.True(double.IsFinite(c.TestMetrics[metric]), $"{c.Trainer} {metric}");
            }
        });
        Assert.NotNull(outcome.Winner);
        Assert.Equal(outcome.Candidates.Where(c => c.PassedGates).Max(c => c.ValidationMetrics["selection_auc"]), outcome.Winner!.ValidationMetrics["selection_auc"]);
        Assert.NotEmpty(messages);
        var pngs = outcome.Artifacts.Where(a => a.ContentType == "image/png").ToList();
        Assert.Equal(["plots/roc.png", "plots/pr.png", "plots/calibration.png", "plots/feature_importance.png"], pngs.Select(p => p.Path));
        Assert.All(pngs, p => Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, p.Content.Take(4)));
        Assert.Contains(outcome.FeatureImportance[0].Column, new[] { "tenure", "contract", "signup_at", "monthly_charges" });
        Assert.Equal(5, outcome.FeatureImportance.Count);
        Assert.Equal(10, outcome.Calibration.Count);
        Assert.Equal("lightgbm,fasttree,fastforest,logreg,sdca", outcome.RunParams["trainers"]);
        Assert.True(outcome.RunMetrics.ContainsKey("test_auc"));
    }

    [Fact]
    public async Task TrainAsync_SameSeedTwice_GivesIdenticalMetricsAndSplit()
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 2);
        var request = Requests.Fast(data, "churned", ["customer_id"], ["lightgbm", "logreg"], seed: 5, trials: 2);

        var first = await Trainer.TrainAsync(request, null, CancellationToken.None);
        var second = await Trainer.TrainAsync(request, null, CancellationToken.None);

        Assert.Equal(first.Data, second.Data, DataSummaryComparer.Instance);
        for (var i = 0; i < first.Candidates.Count; i++)
        {
            Assert.Equal(first.Candidates[i].Params, second.Candidates[i].Params);
            Assert.Equal(WithoutLatency(first.Candidates[i].ValidationMetrics), WithoutLatency(second.Candidates[i].ValidationMetrics));
            Assert.Equal(first.Candidates[i].TestMetrics, second.Candidates[i].TestMetrics);
        }
    }

    [Fact]
    public async Task TrainAsync_Split_IsStratifiedAndSized()
    {
        var data = ChurnShapedTables.Mixed(2000, seed: 3);
        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"]), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(2000, outcome.Data.TrainRows + outcome.Data.ValidationRows + outcome.Data.TestRows);
        Assert.InRange(outcome.Data.TestRows, 398, 402);
        Assert.InRange(outcome.Data.ValidationRows, 398, 402);
        Assert.DoesNotContain("customer_id", outcome.Data.ColumnsUsed);
        Assert.DoesNotContain("churned", outcome.Data.ColumnsUsed);
    }

    [Fact]
    public async Task TrainAsync_GateTooStrict_RecordsReasonsAndNoWinner()
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 4);
        var gates = new EvaluationGates(MinAuc: 0.999, MinPrecision: 0.99, MinRecall: null, MaxLatencyMs: null, MustBeatChampionBy: null, ChampionAuc: null);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["lightgbm", "logreg"], gates: gates), null, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Winner);
        Assert.Null(outcome.WinnerPackage);
        Assert.Equal(["lightgbm", "logreg", "blend"], outcome.Candidates.Select(c => c.Trainer));
        Assert.All(outcome.Candidates, c =>
        {
            Assert.False(c.PassedGates);
            Assert.Contains(c.GateFailures, f => f.StartsWith("auc ", StringComparison.Ordinal) && f.Contains("min_auc 0.999", StringComparison.Ordinal));
            Assert.Contains(c.GateFailures, f => f.Contains("min_precision", StringComparison.Ordinal));
        });
        Assert.Contains("no candidate passed", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_MustBeatChampion_RejectsCandidateBelowChampionPlusMargin()
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 4);
        var gates = new EvaluationGates(null, null, null, null, MustBeatChampionBy: 0.01, ChampionAuc: 0.99);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"], gates: gates), null, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Candidates[0].GateFailures, f => f.Contains("must_beat_champion_by 0.01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrainAsync_PrecisionTarget_ThresholdReachesTargetOnValidation()
    {
        var data = ChurnShapedTables.Mixed(2000, seed: 6);
        var request = Requests.Fast(data, "churned", ["customer_id"], ["logreg"]) with { Threshold = ThresholdPolicy.PrecisionAtLeast(0.6) };

        var outcome = await Trainer.TrainAsync(request, null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(1, outcome.Winner!.ValidationMetrics["threshold_target_met"]);
        Assert.True(outcome.Winner.ValidationMetrics["precision"] >= 0.6);
        Assert.Equal("precision>=0.6", outcome.RunParams["threshold_policy"]);
    }

    [Fact]
    public async Task TrainAsync_TelcoShaped_TrainsWithBlankNumericCellsAndYesNoLabel()
    {
        var data = ChurnShapedTables.TelcoShaped(2000, seed: 8);
        Assert.Equal(21, data.Columns.Count);
        Assert.Contains(data["TotalCharges"].Numbers!, double.IsNaN);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "Churn", ["customerID"], ["lightgbm"]), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(19, outcome.Data.ColumnsUsed.Count);
        Assert.True(outcome.Winner!.TestMetrics["auc"] > 0.7, $"auc {outcome.Winner.TestMetrics["auc"]}");
    }

    [Fact]
    public async Task TrainAsync_BankShaped_HashesHighCardinalityTextAndLearns()
    {
        var data = ChurnShapedTables.BankChurnShaped(3000, seed: 9);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "Exited", ["RowNumber", "CustomerId"], ["fastforest"]), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(11, outcome.Data.ColumnsUsed.Count);
        // The noisy hashed surname makes small bank samples harder than the mixed table; still far from chance.
        Assert.True(outcome.Winner!.TestMetrics["auc"] > 0.65, $"auc {outcome.Winner.TestMetrics["auc"]}");
        // Surname has thousands of values: hashed into the cap (32) rather than one slot per value.
        Assert.True(outcome.Data.FeatureDimension < 60, $"dimension {outcome.Data.FeatureDimension}");
    }

    [Fact]
    public async Task TrainAsync_SingleClassLabel_ReturnsPreciseError()
    {
        var data = new TabularData([TabularColumn.Numeric("x", Enumerable.Range(0, 100).Select(i => (double)i).ToArray()), TabularColumn.Text("y", Enumerable.Repeat<string?>("No", 100).ToArray())]);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "y", [], ["logreg"]), null, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal("label column 'y' has a single class (all negative); training needs both", outcome.Error);
    }

    [Fact]
    public async Task TrainAsync_EmptyData_ReturnsError()
    {
        var data = new TabularData([TabularColumn.Numeric("x", []), TabularColumn.Text("y", [])]);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "y", [], ["logreg"]), null, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal("the training data has no rows", outcome.Error);
        Assert.Empty(outcome.Candidates);
    }

    [Fact]
    public async Task TrainAsync_SeveralBadSettings_ReportsEveryProblem()
    {
        var data = ChurnShapedTables.Mixed(100, seed: 1);
        var request = Requests.Fast(data, "nope", ["ghost"], ["xgboost", "logreg"]) with { TestFraction = 0.7, CrossValidationFolds = 1 };

        var outcome = await Trainer.TrainAsync(request, null, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("label column 'nope' not found", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("excluded columns not found: ghost", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("unknown trainers: xgboost", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("test fraction must be in (0, 0.5), got 0.7", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("cross-validation folds must be between 2 and 10, got 1", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_NonBinaryLabel_NamesTheBadValues()
    {
        var data = new TabularData([TabularColumn.Numeric("x", [1, 2, 3, 4]), TabularColumn.Text("y", ["Yes", "No", "Maybe", "yes"])]);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "y", [], ["logreg"]), null, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal("label column 'y' has values that are not binary: 'Maybe'; expected 0/1, true/false or yes/no, or declare the positive value (--positive)", outcome.Error);
    }

    [Fact]
    public async Task TrainAsync_MissingLabels_DropsThoseRowsAndCountsThem()
    {
        var source = ChurnShapedTables.Mixed(1000, seed: 12);
        var labels = source["churned"].Texts!.Select((t, i) => i % 10 == 0 ? null : t).ToArray();
        var data = new TabularData(source.Columns.Where(c => c.Name != "churned").Append(TabularColumn.Text("churned", labels)).ToList());

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"]), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(100, outcome.Data.DroppedRows);
        Assert.Equal(900, outcome.Data.Rows);
    }

    [Fact]
    public async Task TrainAsync_Cancelled_ThrowsOperationCanceled()
    {
        var data = ChurnShapedTables.Mixed(2000, seed: 13);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"]), null, cts.Token));
    }

    [Fact]
    public async Task TrainAsync_Outcome_CarriesWhatATrackingRunLogs()
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 14);
        var changed = new TabularData(data.Columns.Select(c => c.Name == "monthly_charges" ? TabularColumn.Numeric(c.Name, c.Numbers!.Select(v => v + 1).ToArray()) : c).ToList());

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"], trials: 2), null, CancellationToken.None);
        var other = await Trainer.TrainAsync(Requests.Fast(changed, "churned", ["customer_id"], ["logreg"], trials: 2), null, CancellationToken.None);

        Assert.StartsWith("sha256:", outcome.Data.Digest, StringComparison.Ordinal);
        Assert.NotEqual(outcome.Data.Digest, other.Data.Digest);
        Assert.Equal(outcome.Data.Digest, outcome.RunParams["dataset_digest"]);
        Assert.Equal([0, 1], outcome.MetricHistory.Where(m => m.Key == "logreg.cv_auc").Select(m => m.Step));
        Assert.Equal("logreg", outcome.RunParams["winner"]);
        Assert.Equal(outcome.Winner!.TestMetrics["auc"], outcome.RunMetrics["test_auc"]);
        Assert.InRange(outcome.RunMetrics["test_auc"], outcome.RunMetrics["test_auc_ci95_low"], outcome.RunMetrics["test_auc_ci95_high"]);
        Assert.True(outcome.RunMetrics["test_auc_ci95_high"] - outcome.RunMetrics["test_auc_ci95_low"] < 0.2);
        Assert.Contains(outcome.Artifacts, a => a.Path == "reports/candidates.json");
    }

    [Fact]
    public async Task TrainAsync_IdColumnNotExcludedAndMixedCaseTrainer_IgnoresTheIdAndTrains()
    {
        var data = ChurnShapedTables.Mixed(1500, seed: 15);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "churned", [], [" LogReg "]), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(["customer_id"], outcome.Data.IgnoredColumns);
        Assert.DoesNotContain("customer_id", outcome.Data.ColumnsUsed);
        Assert.Equal("logreg", outcome.Winner!.Trainer);
    }

    [Fact]
    public async Task TrainAsync_WholeNumberColumnUniqueInEveryRow_IsIgnoredAsAnIdentifier()
    {
        var mixed = ChurnShapedTables.Mixed(1500, seed: 16);
        var rowNumbers = Enumerable.Range(1, mixed.RowCount).Select(i => (double)(i * 7)).ToArray();
        var data = new TabularData([.. mixed.Columns, TabularColumn.Numeric("row_number", rowNumbers)]);

        var outcome = await Trainer.TrainAsync(Requests.Fast(data, "churned", ["customer_id"], ["logreg"]), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(["row_number"], outcome.Data.IgnoredColumns);
        Assert.Contains("tenure", outcome.Data.ColumnsUsed);
        Assert.Contains("monthly_charges", outcome.Data.ColumnsUsed);
    }

    private static Dictionary<string, double> WithoutLatency(IReadOnlyDictionary<string, double> metrics) =>
        metrics.Where(p => p.Key != "latency_p95_ms").ToDictionary(p => p.Key, p => p.Value);

    private sealed class SyncProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }
    }

    private sealed class DataSummaryComparer : IEqualityComparer<DataSummary>
    {
        public static readonly DataSummaryComparer Instance = new();

        public bool Equals(DataSummary? x, DataSummary? y) =>
            x!.Rows == y!.Rows && x.Positives == y.Positives && x.TrainRows == y.TrainRows && x.TestRows == y.TestRows && x.ColumnsUsed.SequenceEqual(y.ColumnsUsed);

        public int GetHashCode(DataSummary obj) => obj.Rows;
    }
}
