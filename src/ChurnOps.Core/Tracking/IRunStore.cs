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

    /// <summary>
    /// One metric's history for several runs (MLflow's ajax metrics/get-history-bulk): runs in run id order, each run's
    /// points by timestamp, step, value; at most <paramref name="maxResults"/> points in all. Unknown runs contribute nothing.
    /// </summary>
    Task<TrackingResult<IReadOnlyList<RunMetricPoint>>> GetMetricHistoryBulkAsync(IReadOnlyList<string> runIds, string metricKey, int maxResults, CancellationToken cancellationToken);

    /// <summary>metrics/get-history-bulk-interval: the points at a sample of the runs' steps, runs in request order, each by step then timestamp.</summary>
    Task<TrackingResult<IReadOnlyList<RunMetricPoint>>> GetMetricHistoryIntervalAsync(MetricIntervalQuery query, CancellationToken cancellationToken);

    Task<TrackingResult<RunPage>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>The distinct (experiment, dataset name, digest, context) inputs of runs in the experiments, at most <paramref name="maxResults"/>.</summary>
    Task<TrackingResult<IReadOnlyList<DatasetSummary>>> SearchDatasetsAsync(IReadOnlyList<string> experimentIds, int maxResults, CancellationToken cancellationToken);
}
