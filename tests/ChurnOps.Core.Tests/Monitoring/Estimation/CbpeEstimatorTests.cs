using ChurnOps.Core.Monitoring.Estimation;

namespace ChurnOps.Core.Tests.Monitoring.Estimation;

/// <summary>
/// CBPE on a simulated covariate shift: the label depends on x the same way before and after, x moves, so the model's
/// performance changes while its calibration holds. The estimate must see the change and its band must hold the
/// performance realised on the labels the estimator never saw.
/// </summary>
public sealed class CbpeEstimatorTests
{
    private static (double[] Scores, bool[] Labels) Simulate(int n, double mean, double spread, int seed)
    {
        var random = new Random(seed);
        var scores = new double[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var x = mean + spread * gauss;
            var truth = 1 / (1 + Math.Exp(-(1.8 * x - 1.2)));
            labels[i] = random.NextDouble() < truth;
            scores[i] = 1 / (1 + Math.Exp(-(1.1 * x - 0.4)));   // monotone in x but not calibrated
        }

        return (scores, labels);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.6)]
    [InlineData(-0.8, 0.7)]
    [InlineData(0.4, 0.35)]
    public void Estimate_ShiftedWindows_BandsContainRealisedPerformanceAndEstimatesAreUnbiased(double mean, double spread)
    {
        // A 3-sigma band misses now and then by chance, so one window proves little: 40 windows per shift must be
        // covered at least 90 % of the time for every metric, and the estimates must average out at the realised values (within what 40 windows can tell).
        var (referenceScores, referenceLabels) = Simulate(20_000, 0, 1, 1);
        var fit = CbpeEstimator.Fit(referenceScores, referenceLabels);
        Assert.Null(fit.Error);
        const int windows = 40;
        var covered = new int[3];
        var estimated = new double[3];
        var realisedSum = new double[3];
        var errors = new double[3];
        for (var w = 0; w < windows; w++)
        {
            var (scores, labels) = Simulate(2_000, mean, spread, 1000 + w);
            var estimate = fit.Estimator!.Estimate(scores).Estimate!;
            var realised = RealisedPerformance.Compute(scores, labels, 0.5);
            double[] actual = [realised.RocAuc, realised.Precision, realised.Recall];
            for (var m = 0; m < 3; m++)
            {
                covered[m] += estimate.Metrics[m].Contains(actual[m]) ? 1 : 0;
                estimated[m] += estimate.Metrics[m].Value / windows;
                realisedSum[m] += actual[m] / windows;
                errors[m] += estimate.Metrics[m].SamplingError / windows;
                Assert.True(estimate.Metrics[m].Upper - estimate.Metrics[m].Lower < 0.4, $"{estimate.Metrics[m].Name} band too wide to be useful");
            }
        }

        string[] names = ["roc_auc", "precision", "recall"];
        for (var m = 0; m < 3; m++)
        {
            Assert.True(covered[m] >= 36, $"{names[m]}: the band held the realised value in {covered[m]} of {windows} windows");
            // The mean of 40 realised values still scatters by error/√40; allow 3 of those plus a little calibration error.
            var tolerance = 3 * errors[m] / Math.Sqrt(windows) + 0.005;
            Assert.True(Math.Abs(estimated[m] - realisedSum[m]) < tolerance, $"{names[m]}: mean estimate {estimated[m]:F4} vs mean realised {realisedSum[m]:F4} (tolerance {tolerance:F4})");
        }
    }

    [Fact]
    public void Estimate_NarrowShiftedWindow_SeesTheAucDropBeforeLabels()
    {
        var (referenceScores, referenceLabels) = Simulate(20_000, 0, 1, 1);
        var estimator = CbpeEstimator.Fit(referenceScores, referenceLabels).Estimator!;
        var (scores, _) = Simulate(4_000, 0.4, 0.35, 21);

        var estimate = estimator.Estimate(scores).Estimate!;

        Assert.True(estimate.RocAuc.Upper < estimator.Reference.RocAuc, $"estimated {estimate.RocAuc.Value} vs reference {estimator.Reference.RocAuc}");
    }

    [Fact]
    public void Estimate_EmptyWindow_SaysThereAreNoPredictions()
    {
        var (referenceScores, referenceLabels) = Simulate(1_000, 0, 1, 1);

        var outcome = CbpeEstimator.Fit(referenceScores, referenceLabels).Estimator!.Estimate([]);

        Assert.Equal("the window has no predictions to estimate from", outcome.Error);
    }

    [Fact]
    public void Fit_OneClassReference_RefusedWithTheReason()
    {
        var fit = CbpeEstimator.Fit([0.2, 0.7, 0.9], [false, false, false]);

        Assert.Equal("the reference labels are all negative; calibration needs both classes", fit.Error);
    }

    [Fact]
    public void ExpectedRocAuc_PerfectlySeparatedCertainties_IsOne()
    {
        Assert.Equal(1.0, CbpeEstimator.ExpectedRocAuc([1, 1, 0, 0, 1]), 12);
        Assert.Equal(0.5, CbpeEstimator.ExpectedRocAuc([0.3, 0.3, 0.3]), 12);
    }

    [Fact]
    public void IsotonicCalibration_Violations_PooledIntoAMonotoneMap()
    {
        var calibration = IsotonicCalibration.Fit([0.1, 0.2, 0.3, 0.4], [false, true, false, true]);

        // Blocks: {0.1} → 0, {0.2, 0.3} → 0.5 centred at 0.25, {0.4} → 1.
        Assert.Equal(3, calibration.Points);
        Assert.Equal(0.0, calibration.Calibrate(0.05));
        Assert.Equal(0.5, calibration.Calibrate(0.25), 12);
        Assert.Equal(0.75, calibration.Calibrate(0.325), 12);
        Assert.Equal(1.0, calibration.Calibrate(0.9));
    }
}
