namespace ChurnOps.Core.Tracking;

/// <summary>
/// metrics/get-history-bulk-interval: one metric over up to 100 runs, sampled to about <see cref="MaxResults"/> steps
/// between <see cref="StartStep"/> and <see cref="EndStep"/> (both or neither), always keeping each run's first and last step.
/// </summary>
public sealed record MetricIntervalQuery(IReadOnlyList<string> RunIds, string MetricKey, int MaxResults, long? StartStep, long? EndStep);
