using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Server.Mlflow;

/// <summary>experiments/*: create, get, get-by-name, search, update, delete, restore, set-experiment-tag.</summary>
internal static class MlflowExperimentEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMlflow("POST", "/experiments/create", CreateAsync);
        group.MapMlflow("GET", "/experiments/get", GetAsync);
        group.MapMlflow("GET", "/experiments/get-by-name", GetByNameAsync);
        group.MapMlflow("POST", "/experiments/search", SearchAsync);
        group.MapMlflow("GET", "/experiments/search", SearchAsync);
        group.MapMlflow("POST", "/experiments/update", UpdateAsync);
        group.MapMlflow("POST", "/experiments/delete", (r, c) => SetStageAsync(r, c, LifecycleStage.Deleted));
        group.MapMlflow("POST", "/experiments/restore", (r, c) => SetStageAsync(r, c, LifecycleStage.Active));
        group.MapMlflow("POST", "/experiments/set-experiment-tag", SetTagAsync);
        group.MapMlflow("POST", "/experiments/delete-experiment-tag", DeleteTagAsync);
    }

    private static IExperimentStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IExperimentStore>();

    private static async Task<IResult> CreateAsync(MlflowRequest request, HttpContext context)
    {
        var name = request.RequiredString("name");
        var location = request.String("artifact_location");
        var tags = request.Tags("tags");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).CreateExperimentAsync(name!, location, tags, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { experiment_id = result.Value });
    }

    private static async Task<IResult> GetAsync(MlflowRequest request, HttpContext context)
    {
        var id = request.RequiredString("experiment_id");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).GetExperimentAsync(id!, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { experiment = result.Value });
    }

    private static async Task<IResult> GetByNameAsync(MlflowRequest request, HttpContext context)
    {
        var name = request.RequiredString("experiment_name");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).GetExperimentByNameAsync(name!, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { experiment = result.Value });
    }

    private static async Task<IResult> SearchAsync(MlflowRequest request, HttpContext context)
    {
        var max = request.MaxResults(TrackingLimits.DefaultRunSearchResults);
        var viewType = request.ViewType("view_type");
        var (filter, filterError) = SearchFilterParser.ParseFilter(request.String("filter"), SearchSchema.Experiments);
        var (order, orderError) = SearchFilterParser.ParseOrderBy(request.StringList("order_by"), SearchSchema.Experiments);
        if (!PageToken.TryDecode(request.String("page_token"), out var offset, out var tokenError))
        {
            request.Errors.Add(tokenError!);
        }

        request.Errors.AddRange(new[] { filterError, orderError }.OfType<string>());
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).SearchExperimentsAsync(new ExperimentQuery(filter!, order!, viewType, max, offset), context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error
            ? MlflowErrors.ToResult(error)
            : MlflowJson.Ok(new { experiments = result.Value!.Experiments, next_page_token = result.Value.NextPageToken });
    }

    private static async Task<IResult> UpdateAsync(MlflowRequest request, HttpContext context)
    {
        var id = request.RequiredString("experiment_id");
        var name = request.RequiredString("new_name");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await Store(context).RenameExperimentAsync(id!, name!, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }

    private static async Task<IResult> SetStageAsync(MlflowRequest request, HttpContext context, string stage)
    {
        var id = request.RequiredString("experiment_id");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await Store(context).SetExperimentLifecycleAsync(id!, stage, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }

    private static async Task<IResult> SetTagAsync(MlflowRequest request, HttpContext context)
    {
        var id = request.RequiredString("experiment_id");
        var key = request.RequiredString("key");
        var value = request.String("value") ?? string.Empty;
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await Store(context).SetExperimentTagAsync(id!, key!, value, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }

    private static async Task<IResult> DeleteTagAsync(MlflowRequest request, HttpContext context)
    {
        var id = request.RequiredString("experiment_id");
        var key = request.RequiredString("key");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var error = await Store(context).DeleteExperimentTagAsync(id!, key!, context.RequestAborted).ConfigureAwait(false);
        return error is null ? MlflowJson.Empty() : MlflowErrors.ToResult(error);
    }
}
