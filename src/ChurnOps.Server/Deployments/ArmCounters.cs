using System.Numerics;
using ChurnOps.Core.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// One arm's live figures for one step, counted lock-free on the request path: requests, errors, a latency histogram
/// (<see cref="LatencyBuckets"/>) and a score histogram (<see cref="ScoreShift.Bins"/> bins). A new step gets new counters.
/// Every request writes three counters, so they are striped by the processor the request runs on: one shared set
/// would be one cache line bounced between all cores on every request. <see cref="Snapshot"/> sums the stripes.
/// </summary>
internal sealed class ArmCounters
{
    /// <summary>Longs of padding before and after a stripe's counters: a 64-byte cache line, so no two stripes share one.</summary>
    private const int Pad = 8;

    // Per stripe: [pad][requests][errors][latency buckets][score bins][pad].
    private const int RequestsAt = Pad;
    private const int ErrorsAt = Pad + 1;
    private const int LatencyAt = Pad + 2;

    private static readonly int LatencyCount = LatencyBuckets.UpperBounds.Count;
    private static readonly int StripeCount = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));

    private static readonly int ScoresAt = LatencyAt + LatencyCount;
    private static readonly int StripeLength = ScoresAt + ScoreShift.Bins + Pad;

    private readonly long[][] _stripes;

    public ArmCounters(string arm, int version)
    {
        Arm = arm;
        Version = version;
        _stripes = new long[StripeCount][];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new long[StripeLength];
        }
    }

    public string Arm { get; }

    public int Version { get; }

    public void Succeeded(double milliseconds, ReadOnlySpan<float> probabilities)
    {
        var stripe = Stripe();
        Interlocked.Increment(ref stripe[RequestsAt]);
        Interlocked.Increment(ref stripe[LatencyAt + LatencyBuckets.BucketOf(milliseconds)]);
        foreach (var probability in probabilities)
        {
            Interlocked.Increment(ref stripe[ScoresAt + ScoreShift.BinOf(probability)]);
        }
    }

    public void Failed()
    {
        var stripe = Stripe();
        Interlocked.Increment(ref stripe[RequestsAt]);
        Interlocked.Increment(ref stripe[ErrorsAt]);
    }

    public ArmFigures Snapshot()
    {
        var latency = new long[LatencyCount];
        var scores = new long[ScoreShift.Bins];
        long requests = 0, errors = 0;
        foreach (var stripe in _stripes)
        {
            requests += Interlocked.Read(ref stripe[RequestsAt]);
            errors += Interlocked.Read(ref stripe[ErrorsAt]);
            for (var i = 0; i < latency.Length; i++)
            {
                latency[i] += Interlocked.Read(ref stripe[LatencyAt + i]);
            }

            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] += Interlocked.Read(ref stripe[ScoresAt + i]);
            }
        }

        return new ArmFigures(Arm, Version, requests, errors, LatencyBuckets.Percentile(latency, 0.99), scores);
    }

    /// <summary>The current processor's stripe (still incremented atomically: a thread can move between processors mid-request).</summary>
    private long[] Stripe() => _stripes[Thread.GetCurrentProcessorId() & (_stripes.Length - 1)];
}
