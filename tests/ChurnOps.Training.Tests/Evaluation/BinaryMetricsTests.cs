using ChurnOps.Training.Candidates;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Training.Tests.Evaluation;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void Auc_PerfectReversedAndTied_AreOneZeroAndHalf()
    {
        bool[] labels = [false, false, true, true];

        Assert.Equal(1.0, BinaryMetrics.Auc([0.1f, 0.2f, 0.8f, 0.9f], labels));
        Assert.Equal(0.0, BinaryMetrics.Auc([0.9f, 0.8f, 0.2f, 0.1f], labels));
        Assert.Equal(0.5, BinaryMetrics.Auc([0.5f, 0.5f, 0.5f, 0.5f], labels));
        Assert.Equal(0.75, BinaryMetrics.Auc([0.1f, 0.6f, 0.4f, 0.9f], labels));
    }

    [Fact]
    public void AveragePrecision_KnownExample_MatchesHandComputation()
    {
        // Ranking: 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.1 (neg): AP = 0.5*1 + 0.5*(2/3).
        var ap = BinaryMetrics.AveragePrecision([0.9f, 0.8f, 0.7f, 0.1f], [true, false, true, false]);

        Assert.Equal(0.5 + (0.5 * 2 / 3.0), ap, 10);
    }

    [Fact]
    public void Compute_AtThreshold_CountsConfusionAndLosses()
    {
        var metrics = BinaryMetrics.Compute([0.9f, 0.6f, 0.4f, 0.2f], [true, false, true, false], threshold: 0.5);

        Assert.Equal(0.5, metrics["accuracy"]);
        Assert.Equal(0.5, metrics["precision"]);
        Assert.Equal(0.5, metrics["recall"]);
        Assert.Equal(0.5, metrics["f1"]);
        Assert.Equal(((0.1 * 0.1) + (0.6 * 0.6) + (0.6 * 0.6) + (0.2 * 0.2)) / 4, metrics["brier"], 6);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.4) + Math.Log(0.4) + Math.Log(0.8)) / 4, metrics["log_loss"], 6);
    }

    [Fact]
    public void Calibration_PutsRowsInEqualWidthBins()
    {
        var bins = BinaryMetrics.Calibration([0.05f, 0.07f, 0.95f, 1f], [false, true, true, true]);

        Assert.Equal(10, bins.Count);
        Assert.Equal(2, bins[0].Count);
        Assert.Equal(0.5, bins[0].ObservedRate);
        Assert.Equal(2, bins[9].Count);
        Assert.Equal(1, bins[9].ObservedRate);
    }

    [Fact]
    public void ThresholdSelector_MaxF1AndPrecisionTarget_PickTheStatedCut()
    {
        float[] scores = [0.95f, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f];
        bool[] labels = [true, true, false, true, true, false, false, false];

        var (f1Cut, _) = ThresholdSelector.Choose(scores, labels, ThresholdPolicy.MaxF1);
        var (precisionCut, met) = ThresholdSelector.Choose(scores, labels, ThresholdPolicy.PrecisionAtLeast(1.0));
        var (impossible, metImpossible) = ThresholdSelector.Choose(scores, [false, false, false, false, false, false, false, true], ThresholdPolicy.PrecisionAtLeast(0.9));

        Assert.Equal(0.6f, f1Cut, 5);
        Assert.Equal(0.9f, precisionCut, 5);
        Assert.True(met);
        Assert.False(metImpossible);
        Assert.Equal(0.3f, impossible, 5);
    }

    [Fact]
    public void GateCheck_ReportsEveryFailedGate()
    {
        var metrics = new Dictionary<string, double> { ["auc"] = 0.7, ["precision"] = 0.5, ["recall"] = 0.9, ["latency_p95_ms"] = 3 };
        var gates = new EvaluationGates(MinAuc: 0.8, MinPrecision: 0.6, MinRecall: 0.5, MaxLatencyMs: 1, MustBeatChampionBy: 0.02, ChampionAuc: 0.69);

        var failures = GateCheck.Failures(gates, metrics);

        Assert.Equal(["auc 0.7 < min_auc 0.8", "precision 0.5 < min_precision 0.6", "latency_p95_ms 3 > max_latency_ms 1", "auc 0.7 < champion auc 0.69 + must_beat_champion_by 0.02"], failures);
    }
}
