using ChurnOps.Core.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// One arm's live figures for one step, counted lock-free on the request path: requests, errors, a latency histogram
/// (<see cref="LatencyBuckets"/>) and a score histogram (<see cref="ScoreShift.Bins"/> bins). A new step gets new counters.
/// </summary>
internal sealed class ArmCounters(string arm, int version)
{
    private readonly long[] _latency = new long[LatencyBuckets.UpperBounds.Count];
    private readonly long[] _scores = new long[ScoreShift.Bins];
    private long _requests;
    private long _errors;

    public string Arm => arm;

    public int Version => version;

    public void Succeeded(double milliseconds, ReadOnlySpan<float> probabilities)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _latency[LatencyBuckets.BucketOf(milliseconds)]);
        foreach (var probability in probabilities)
        {
            Interlocked.Increment(ref _scores[ScoreShift.BinOf(probability)]);
        }
    }

    public void Failed()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _errors);
    }

    public ArmFigures Snapshot()
    {
        var latency = new long[_latency.Length];
        for (var i = 0; i < latency.Length; i++)
        {
            latency[i] = Interlocked.Read(ref _latency[i]);
        }

        var scores = new long[_scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Interlocked.Read(ref _scores[i]);
        }

        return new ArmFigures(arm, version, Interlocked.Read(ref _requests), Interlocked.Read(ref _errors), LatencyBuckets.Percentile(latency, 0.99), scores);
    }
}
