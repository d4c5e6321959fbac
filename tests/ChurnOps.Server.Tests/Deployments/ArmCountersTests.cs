using ChurnOps.Core.Deployments;
using ChurnOps.Server.Deployments;

namespace ChurnOps.Server.Tests.Deployments;

public sealed class ArmCountersTests
{
    [Fact]
    public async Task Snapshot_ManyThreadsCounting_SumsEveryStripeExactly()
    {
        var counters = new ArmCounters(DeploymentArms.Candidate, 2);
        const int Threads = 8;
        const int PerThread = 20_000;
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < PerThread; i++)
                {
                    if (i % 10 == 0)
                    {
                        counters.Failed();
                    }
                    else
                    {
                        // Two rows per request, one in the lowest score bin and one in the highest.
                        counters.Succeeded(milliseconds: 3, [0.01f, 0.99f]);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(workers);

        var figures = counters.Snapshot();

        const long Succeeded = Threads * PerThread * 9 / 10;
        Assert.Equal((DeploymentArms.Candidate, 2), (figures.Arm, figures.Version));
        Assert.Equal(Threads * PerThread, figures.Requests);
        Assert.Equal(Threads * PerThread / 10, figures.Errors);
        Assert.Equal(2 * Succeeded, figures.ScoreHistogram.Sum());
        Assert.Equal(Succeeded, figures.ScoreHistogram[ScoreShift.BinOf(0.01f)]);
        Assert.Equal(Succeeded, figures.ScoreHistogram[ScoreShift.BinOf(0.99f)]);
        Assert.Equal(LatencyBuckets.Percentile(OneBucket(3, Succeeded), 0.99), figures.P99Milliseconds);
    }

    [Fact]
    public void Snapshot_NothingCounted_EmptyFigures()
    {
        var figures = new ArmCounters(DeploymentArms.Stable, 1).Snapshot();

        Assert.Equal((0L, 0L, 0L), (figures.Requests, figures.Errors, figures.ScoreHistogram.Sum()));
        Assert.Equal(ScoreShift.Bins, figures.ScoreHistogram.Count);
    }

    private static long[] OneBucket(double milliseconds, long count)
    {
        var buckets = new long[LatencyBuckets.UpperBounds.Count];
        buckets[LatencyBuckets.BucketOf(milliseconds)] = count;
        return buckets;
    }
}
