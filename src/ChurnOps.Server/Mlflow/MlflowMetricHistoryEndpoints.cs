using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// The bulk metric history reads of MLflow's UI charts. get-history-bulk-interval is a proto endpoint (both prefixes);
/// get-history-bulk exists only under /ajax-api in MLflow, so it is mapped only there.
/// </summary>
internal static class MlflowMetricHistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder group, bool ajax)
    {
        group.MapMlflow("GET", "/metrics/get-history-bulk-interval", GetIntervalAsync);
        if (ajax)
        {
            group.MapMlflow("GET", "/metrics/get-history-bulk", GetBulkAsync);
        }
    }

    private static async Task<IResult> GetBulkAsync(MlflowRequest request, HttpContext context)
    {
        var runIds = request.StringList("run_id");
        var key = request.String("metric_key");
        // MLflow caps rather than refuses a larger max_results here.
        var max = Math.Min(request.Long("max_results") ?? TrackingLimits.MaxHistoryBulkResults, TrackingLimits.MaxHistoryBulkResults);
        if (request.Errors.Count == 0)
        {
            if (runIds.Count == 0)
            {
                request.Errors.Add("GetMetricHistoryBulk request must specify at least one run_id.");
            }
            else if (runIds.Count > TrackingLimits.MaxRunsPerHistoryBulk)
            {
                request.Errors.Add($"GetMetricHistoryBulk request cannot specify more than {TrackingLimits.MaxRunsPerHistoryBulk} run_ids. Received {runIds.Count} run_ids.");
            }

            if (string.IsNullOrEmpty(key))
            {
                request.Errors.Add("GetMetricHistoryBulk request must specify a metric_key.");
            }

            if (max < 1)
            {
                request.Errors.Add($"Invalid value {max} for parameter 'max_results' supplied. It must be positive.");
            }
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await MlflowRunEndpoints.Store(context).GetMetricHistoryBulkAsync(runIds, key!, (int)max, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { metrics = result.Value });
    }

    private static async Task<IResult> GetIntervalAsync(MlflowRequest request, HttpContext context)
    {
        var runIds = request.StringList("run_ids");
        var key = request.String("metric_key");
        var max = request.Long("max_results") ?? TrackingLimits.MaxHistoryIntervalResultsPerRun;
        var start = request.Long("start_step");
        var end = request.Long("end_step");
        if (request.Errors.Count == 0 && runIds.Count > TrackingLimits.MaxRunsPerHistoryBulk)
        {
            request.Errors.Add($"GetMetricHistoryBulkInterval request must specify at most {TrackingLimits.MaxRunsPerHistoryBulk} run_ids. Received {runIds.Count} run_ids.");
        }

        if (max is < 1 or > TrackingLimits.MaxHistoryIntervalResultsPerRun)
        {
            request.Errors.Add($"max_results must be between 1 and {TrackingLimits.MaxHistoryIntervalResultsPerRun}.");
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var query = new MetricIntervalQuery(runIds, key ?? string.Empty, (int)max, start, end);
        var result = await MlflowRunEndpoints.Store(context).GetMetricHistoryIntervalAsync(query, context.RequestAborted).ConfigureAwait(false);
        // Protobuf's JSON leaves an empty repeated field out, so no points reads as {}.
        return result.Error is { } error
            ? MlflowErrors.ToResult(error)
            : MlflowJson.Ok(new { metrics = result.Value!.Count == 0 ? null : result.Value });
    }
}
