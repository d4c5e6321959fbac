namespace ChurnOps.Core.Tracking;

/// <summary>What creating a run needs. StartTime is epoch milliseconds; null means "now" by the store's clock.</summary>
public sealed record NewRun(string ExperimentId, string? RunName, string? UserId, long? StartTime, IReadOnlyList<TrackingTag> Tags);
