using ChurnOps.Core.Monitoring.Estimation;
using ChurnOps.Platform.Monitoring.Labels;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// One window of a version's performance over time: how many predictions it made, CBPE's estimate with its band (from
/// the scores alone, so it is there weeks before the labels), and the realised metrics once labels have arrived.
/// </summary>
public sealed record PerformancePoint(DateTimeOffset From, DateTimeOffset To, long Predictions, CbpeEstimate? Estimated, RealisedWindow? Realised)
{
    /// <summary>Why there is no estimate for this window (no predictions, or none CBPE could use).</summary>
    public string? Note { get; init; }
}
