namespace ChurnOps.Core.Pipelines;

/// <summary>
/// How often a step is tried and how long to wait between tries: <see cref="Attempts"/> counts every try, the first
/// included; the wait after the n-th failed try is <see cref="Backoff"/> × 2^(n-1), never more than <see cref="MaxBackoff"/>.
/// </summary>
public sealed record RetryPolicy(int Attempts, TimeSpan Backoff, TimeSpan MaxBackoff)
{
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The wait before try <paramref name="failedAttempt"/> + 1.</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        if (Backoff <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // Doubling past ~2^40 ticks overflows long before any cap a person writes; stop doubling at the cap.
        var delay = Backoff;
        for (var i = 1; i < failedAttempt && delay < MaxBackoff; i++)
        {
            delay = delay.Ticks > TimeSpan.MaxValue.Ticks / 2 ? TimeSpan.MaxValue : delay * 2;
        }

        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
