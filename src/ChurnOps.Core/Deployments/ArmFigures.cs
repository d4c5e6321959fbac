namespace ChurnOps.Core.Deployments;

/// <summary>
/// One arm's live figures over a step: requests, errors, p99 latency (from a bucketed histogram) and the histogram of its
/// scores over [0, 1] in <see cref="ScoreShift.Bins"/> equal bins.
/// </summary>
public sealed record ArmFigures(string Arm, int Version, long Requests, long Errors, double? P99Milliseconds, IReadOnlyList<long> ScoreHistogram)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>Scores counted (a request of several rows adds several).</summary>
    public long Scores => ScoreHistogram.Sum();
}
