namespace ChurnOps.Core.Tracking;

/// <summary>What a run logged: the latest value of each metric, its params and its tags.</summary>
public sealed record RunData(IReadOnlyList<MetricPoint> Metrics, IReadOnlyList<RunParam> Params, IReadOnlyList<TrackingTag> Tags)
{
    public static RunData Empty { get; } = new([], [], []);
}
