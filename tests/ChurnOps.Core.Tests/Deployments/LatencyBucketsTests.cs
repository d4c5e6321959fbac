using ChurnOps.Core.Deployments;

namespace ChurnOps.Core.Tests.Deployments;

public sealed class LatencyBucketsTests
{
    [Fact]
    public void Percentile_NinetyNineFastOneSlow_P99IsTheFastBucketAndP100TheSlow()
    {
        var counts = new long[LatencyBuckets.UpperBounds.Count];
        counts[LatencyBuckets.BucketOf(1.0)] = 99;
        counts[LatencyBuckets.BucketOf(250.0)] = 1;

        Assert.InRange(LatencyBuckets.Percentile(counts, 0.99)!.Value, 1.0, 1.25);
        Assert.InRange(LatencyBuckets.Percentile(counts, 1.0)!.Value, 250.0, 312.5);
    }

    [Fact]
    public void Percentile_NothingCounted_IsNull() =>
        Assert.Null(LatencyBuckets.Percentile(new long[LatencyBuckets.UpperBounds.Count], 0.99));

    [Fact]
    public void BucketOf_BeyondTheLastBound_IsTheLastBucket() =>
        Assert.Equal(LatencyBuckets.UpperBounds.Count - 1, LatencyBuckets.BucketOf(1e9));
}
