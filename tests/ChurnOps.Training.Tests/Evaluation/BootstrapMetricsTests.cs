using ChurnOps.Training.Evaluation;

namespace ChurnOps.Training.Tests.Evaluation;

public sealed class BootstrapMetricsTests
{
    private static (float[] Scores, bool[] Labels) Noisy(int rows, int seed)
    {
        var random = new Random(seed);
        var labels = new bool[rows];
        var scores = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            // Informative but imperfect, with ties (scores rounded to two places).
            scores[i] = (float)Math.Round(Math.Clamp((labels[i] ? 0.62 : 0.38) + ((random.NextDouble() - 0.5) * 0.7), 0, 1), 2);
        }

        return (scores, labels);
    }

    private static MetricInterval Of(IReadOnlyList<MetricInterval> metrics, string name) => metrics.Single(m => m.Metric == name);

    [Fact]
    public void Compute_SameSeed_GivesIdenticalIntervals()
    {
        var (scores, labels) = Noisy(500, seed: 3);

        var first = BootstrapMetrics.Compute(scores, labels, 0.5, new BootstrapSettings(300, Seed: 17));
        var second = BootstrapMetrics.Compute(scores, labels, 0.5, new BootstrapSettings(300, Seed: 17));
        var other = BootstrapMetrics.Compute(scores, labels, 0.5, new BootstrapSettings(300, Seed: 18));

        Assert.Equal(first, second);
        Assert.NotEqual(Of(first, "auc").Low, Of(other, "auc").Low);
    }

    [Fact]
    public void Compute_AllWeightsOne_EstimatesEqualBinaryMetrics()
    {
        var (scores, labels) = Noisy(800, seed: 5);

        var intervals = BootstrapMetrics.Compute(scores, labels, 0.45, new BootstrapSettings(50, Seed: 1));
        var reference = BinaryMetrics.Compute(scores, labels, 0.45);

        foreach (var name in new[] { "auc", "pr_auc", "accuracy", "precision", "recall", "f1" })
        {
            Assert.Equal(reference[name], Of(intervals, name).Estimate);
        }

        // Losses are sums in a different order: equal to rounding.
        Assert.Equal(reference["brier"], Of(intervals, "brier").Estimate!.Value, 12);
        Assert.Equal(reference["log_loss"], Of(intervals, "log_loss").Estimate!.Value, 12);
    }

    [Fact]
    public void Compute_InformativeScores_IntervalsBracketTheEstimate()
    {
        var (scores, labels) = Noisy(600, seed: 9);

        var intervals = BootstrapMetrics.Compute(scores, labels, 0.5, BootstrapSettings.Default(seed: 42));

        foreach (var metric in intervals)
        {
            Assert.True(metric.Low <= metric.Estimate && metric.Estimate <= metric.High, $"{metric.Metric}: {metric.Low} <= {metric.Estimate} <= {metric.High}");
            Assert.True(metric.High - metric.Low > 0, metric.Metric);
            Assert.Equal(1000, metric.DefinedResamples);
        }
    }

    [Fact]
    public void Compute_OneClass_AucAndPrecisionUndefinedWithReasonOthersDefined()
    {
        float[] scores = [0.1f, 0.4f, 0.2f, 0.3f, 0.35f];
        bool[] labels = [false, false, false, false, false];

        var intervals = BootstrapMetrics.Compute(scores, labels, 0.5, new BootstrapSettings(200, Seed: 2));

        var auc = Of(intervals, "auc");
        Assert.Null(auc.Estimate);
        Assert.Null(auc.Low);
        Assert.Null(auc.High);
        Assert.Equal(0, auc.DefinedResamples);
        Assert.Equal("no positive rows", auc.Note);
        Assert.Equal("no row scored at or above the threshold", Of(intervals, "precision").Note);
        Assert.Null(Of(intervals, "recall").Estimate);
        Assert.Equal(1.0, Of(intervals, "accuracy").Estimate);
        Assert.Equal(1.0, Of(intervals, "accuracy").Low);
    }

    [Fact]
    public void Compute_RarePositive_IntervalLeftOutWhenMostResamplesLackIt()
    {
        // One positive in 50 rows: a resample misses it with probability (49/50)^50 ≈ 36%, so AUC is defined in most
        // resamples; with one positive in 200 rows the share is similar. With no positive at all the interval is empty.
        var labels = new bool[200];
        labels[0] = true;
        var scores = Enumerable.Range(0, 200).Select(i => i / 200f).ToArray();

        var auc = Of(BootstrapMetrics.Compute(scores, labels, 0.5, new BootstrapSettings(400, Seed: 4)), "auc");

        Assert.NotNull(auc.Estimate);
        Assert.InRange(auc.DefinedResamples, 1, 399);
        Assert.Equal(auc.DefinedResamples * 2 >= 400, auc.Low is not null);
    }

    [Fact]
    public void Compute_NoRows_EverythingUndefined()
    {
        var intervals = BootstrapMetrics.Compute([], [], 0.5, new BootstrapSettings(10, Seed: 1));

        Assert.All(intervals, m => Assert.Equal("no rows", m.Note));
        Assert.All(intervals, m => Assert.Null(m.Estimate));
    }

    [Fact]
    public void Percentile_LinearInterpolation_MatchesHandComputation()
    {
        double[] sorted = [1, 2, 3, 4, 5];

        Assert.Equal(1.1, BootstrapMetrics.Percentile(sorted, 0.025), 12);
        Assert.Equal(4.9, BootstrapMetrics.Percentile(sorted, 0.975), 12);
        Assert.Equal(3, BootstrapMetrics.Percentile(sorted, 0.5));
        Assert.Equal(5, BootstrapMetrics.Percentile(sorted, 1));
    }
}
