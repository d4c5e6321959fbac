namespace ChurnOps.Core.Tracking;

/// <summary>Runs and what they log. Params are write-once; metrics keep their full step/timestamp history.</summary>
public interface IRunStore
{
    Task<TrackingResult<Run>> CreateRunAsync(NewRun run, CancellationToken cancellationToken);

    Task<TrackingResult<Run>> GetRunAsync(string runId, CancellationToken cancellationToken);

    Task<TrackingResult<RunInfo>> UpdateRunAsync(string runId, RunUpdate update, CancellationToken cancellationToken);

    Task<TrackingError?> SetRunLifecycleAsync(string runId, string lifecycleStage, CancellationToken cancellationToken);

    /// <summary>Metrics, params and tags in one transaction: all are stored or none.</summary>
    Task<TrackingError?> LogBatchAsync(string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyList<RunParam> parameters, IReadOnlyList<TrackingTag> tags, CancellationToken cancellationToken);

    Task<TrackingError?> DeleteTagAsync(string runId, string key, CancellationToken cancellationToken);

    Task<TrackingError?> LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken);

    Task<TrackingResult<MetricHistoryPage>> GetMetricHistoryAsync(string runId, string metricKey, int maxResults, string? pageToken, CancellationToken cancellationToken);

    Task<TrackingResult<RunPage>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken);
}
