using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Server.Mlflow;

/// <summary>runs/*: create, get, update, delete, restore, search.</summary>
internal static class MlflowRunEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMlflow("POST", "/runs/create", CreateAsync);
        group.MapMlflow("GET", "/runs/get", GetAsync);
        group.MapMlflow("POST", "/runs/update", UpdateAsync);
        group.MapMlflow("POST", "/runs/delete", (r, c) => SetStageAsync(r, c, LifecycleStage.Deleted));
        group.MapMlflow("POST", "/runs/restore", (r, c) => SetStageAsync(r, c, LifecycleStage.Active));
        group.MapMlflow("POST", "/runs/search", SearchAsync);
    }

    internal static IRunStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IRunStore>();

    private static async Task<IResult> CreateAsync(MlflowRequest request, HttpContext context)
    {
        // MLflow lets experiment_id default to the Default experiment ("0").
        var experimentId = request.String("experiment_id");
        var run = new NewRun(
            string.IsNullOrEmpty(experimentId) ? "0" : experimentId,
            request.String("run_name"),
            request.String("user_id"),
            request.Long("start_time"),
            request.Tags("tags"));
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).CreateRunAsync(run, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { run = MlflowRunJson.From(result.Value!) });
    }

    private static async Task<IResult> GetAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).GetRunAsync(runId!, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { run = MlflowRunJson.From(result.Value!) });
    }

    private static async Task<IResult> UpdateAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var update = new RunUpdate(request.EnumName("status"), request.Long("end_time"), request.String("run_name"));
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).UpdateRunAsync(runId!, update, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { run_info = MlflowRunInfoJson.From(result.Value!) });
    }

    private static async Task<IResult> SetStageAsync(MlflowRequest request, HttpContext context, string stage)
    {
        var runId = request.RunId();
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await Store(context).SetRunLifecycleAsync(runId!, stage, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }

    private static async Task<IResult> SearchAsync(MlflowRequest request, HttpContext context)
    {
        var experimentIds = request.StringList("experiment_ids");
        var max = request.MaxResults(TrackingLimits.DefaultRunSearchResults);
        var viewType = request.ViewType("run_view_type");
        var (filter, filterError) = SearchFilterParser.ParseFilter(request.String("filter"), SearchSchema.Runs);
        var (order, orderError) = SearchFilterParser.ParseOrderBy(request.StringList("order_by"), SearchSchema.Runs);
        if (!PageToken.TryDecode(request.String("page_token"), out var offset, out var tokenError))
        {
            request.Errors.Add(tokenError!);
        }

        request.Errors.AddRange(new[] { filterError, orderError }.OfType<string>());
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).SearchRunsAsync(new RunQuery(experimentIds, filter!, order!, viewType, max, offset), context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error
            ? MlflowErrors.ToResult(error)
            : new MlflowSearchRunsResult(result.Value!);
    }
}
