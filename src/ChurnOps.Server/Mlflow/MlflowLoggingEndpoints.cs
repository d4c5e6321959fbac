using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>What a run logs: log-metric, log-parameter, log-batch, set-tag, delete-tag, log-inputs, metrics/get-history.</summary>
internal static class MlflowLoggingEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMlflow("POST", "/runs/log-metric", LogMetricAsync);
        group.MapMlflow("POST", "/runs/log-parameter", LogParameterAsync);
        group.MapMlflow("POST", "/runs/log-batch", LogBatchAsync);
        group.MapMlflow("POST", "/runs/set-tag", SetTagAsync);
        group.MapMlflow("POST", "/runs/delete-tag", DeleteTagAsync);
        group.MapMlflow("POST", "/runs/log-inputs", LogInputsAsync);
        group.MapMlflow("GET", "/metrics/get-history", GetHistoryAsync);
    }

    private static async Task<IResult> LogMetricAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var metric = ReadMetric(request);
        return await BatchAsync(request, context, runId, [metric], [], []).ConfigureAwait(false);
    }

    private static async Task<IResult> LogParameterAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var param = new RunParam(request.RequiredString("key")!, request.String("value") ?? string.Empty);
        return await BatchAsync(request, context, runId, [], [param], []).ConfigureAwait(false);
    }

    private static async Task<IResult> SetTagAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var tag = new TrackingTag(request.RequiredString("key")!, request.String("value") ?? string.Empty);
        return await BatchAsync(request, context, runId, [], [], [tag]).ConfigureAwait(false);
    }

    private static async Task<IResult> LogBatchAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var metrics = request.Objects("metrics").Select(ReadMetric).ToList();
        var parameters = request.Objects("params").Select(p => new RunParam(p.RequiredString("key")!, p.String("value") ?? string.Empty)).ToList();
        var tags = request.Tags("tags");
        return await BatchAsync(request, context, runId, metrics, parameters, tags).ConfigureAwait(false);
    }

    private static async Task<IResult> DeleteTagAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var key = request.RequiredString("key");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await MlflowRunEndpoints.Store(context).DeleteTagAsync(runId!, key!, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }

    private static async Task<IResult> LogInputsAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var inputs = new List<DatasetInput>();
        foreach (var item in request.Objects("datasets"))
        {
            var dataset = item.Object("dataset");
            if (dataset is null)
            {
                request.Errors.Add("Each entry of 'datasets' needs a 'dataset'.");
                continue;
            }

            inputs.Add(new DatasetInput(
                new TrackedDataset(
                    dataset.String("name") ?? string.Empty,
                    dataset.String("digest") ?? string.Empty,
                    dataset.String("source_type") ?? string.Empty,
                    dataset.String("source") ?? string.Empty,
                    dataset.String("schema"),
                    dataset.String("profile")),
                item.Tags("tags")));
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await MlflowRunEndpoints.Store(context).LogInputsAsync(runId!, inputs, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }

    private static async Task<IResult> GetHistoryAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var key = request.RequiredString("metric_key");
        var max = request.Long("max_results");
        if (max is < 0 or > int.MaxValue)
        {
            request.Errors.Add($"Invalid value {max} for parameter 'max_results' supplied.");
        }

        var token = request.String("page_token");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await MlflowRunEndpoints.Store(context).GetMetricHistoryAsync(runId!, key!, (int)(max ?? 0), token, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error
            ? MlflowErrors.ToResult(error)
            : MlflowJson.Ok(new { metrics = result.Value!.Metrics, next_page_token = result.Value.NextPageToken });
    }

    private static MetricPoint ReadMetric(MlflowRequest metric)
    {
        var key = metric.RequiredString("key");
        var value = metric.Double("value");
        if (value is null && !metric.Has("value"))
        {
            metric.Errors.Add($"Missing value for required parameter 'value' of metric '{key}'.");
        }

        var timestamp = metric.Long("timestamp");
        if (timestamp is null && !metric.Has("timestamp"))
        {
            metric.Errors.Add($"Missing value for required parameter 'timestamp' of metric '{key}'.");
        }

        return new MetricPoint(key ?? string.Empty, value ?? 0, timestamp ?? 0, metric.Long("step") ?? 0);
    }

    private static async Task<IResult> BatchAsync(MlflowRequest request, HttpContext context, string? runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyList<RunParam> parameters, IReadOnlyList<TrackingTag> tags)
    {
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await MlflowRunEndpoints.Store(context).LogBatchAsync(runId!, metrics, parameters, tags, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }
}
