using ChurnOps.Core.Tracking;

namespace ChurnOps.Core.Tests.Tracking;

public sealed class MetricStepSamplerTests
{
    [Fact]
    public void Sample_FewerStepsThanMax_KeepsEveryStepFromZero()
    {
        var steps = MetricStepSampler.Sample([-1, 0, 1, 2, 5], [(-1, 5)], 10, null, null);

        // With no range the range is 0..last, so a negative step is left out, as in MLflow.
        Assert.Equal([0L, 1, 2, 5], steps);
    }

    [Fact]
    public void Sample_MoreStepsThanMax_EvenlySpacedPlusLastPlusEachRunsEnds()
    {
        var all = Enumerable.Range(0, 100).Select(i => (long)i).ToList();

        var steps = MetricStepSampler.Sample(all, [(0, 99), (0, 41)], 4, null, null);

        Assert.Equal([0L, 25, 41, 50, 75, 99], steps);
    }

    [Fact]
    public void Sample_Range_KeepsOnlyStepsAndRunEndsInsideIt()
    {
        var all = Enumerable.Range(0, 100).Select(i => (long)i * 10).ToList();

        var steps = MetricStepSampler.Sample(all, [(0, 990), (0, 305)], 2, 300, 400);

        // Steps 300..400 are 11 values: index 0 and 5 of them, the last one, and run 2's end (305).
        Assert.Equal([300L, 305, 350, 400], steps);
    }

    [Fact]
    public void Sample_NoSteps_ReturnsNothing()
    {
        Assert.Empty(MetricStepSampler.Sample([], [], 5, null, null));
        Assert.Empty(MetricStepSampler.Sample([1, 2], [(1, 2)], 5, 10, 20));
    }
}
