using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// MLflow 3 logged models, the subset mlflow.log_model / mlflow.get_logged_model / mlflow.search_logged_models use:
/// create (pending), get, finalize (PATCH), search by experiment. Filters and datasets in search are refused, not ignored.
/// </summary>
internal static class MlflowLoggedModelEndpoints
{
    private const int DefaultSearchResults = 100;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMlflow("POST", "/logged-models", CreateAsync);
        group.MapMlflow("POST", "/logged-models/search", SearchAsync);
        group.MapMlflow("GET", "/logged-models/{model_id}", GetAsync);
        group.MapMlflow("PATCH", "/logged-models/{model_id}", FinalizeAsync);
    }

    private static ILoggedModelStore Store(HttpContext context) => context.RequestServices.GetRequiredService<ILoggedModelStore>();

    private static async Task<IResult> CreateAsync(MlflowRequest request, HttpContext context)
    {
        var model = new NewLoggedModel(
            request.RequiredString("experiment_id") ?? string.Empty,
            request.String("name"),
            request.String("model_type"),
            request.String("source_run_id"),
            request.Objects("params").Select(p => new RunParam(p.RequiredString("key") ?? string.Empty, p.String("value") ?? string.Empty)).ToList(),
            request.Tags("tags"));
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        return Respond(await Store(context).CreateAsync(model, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(MlflowRequest request, HttpContext context) =>
        Respond(await Store(context).GetAsync(ModelId(context), context.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> FinalizeAsync(MlflowRequest request, HttpContext context)
    {
        var status = request.EnumName("status");
        if (string.IsNullOrEmpty(status) && request.Errors.Count == 0)
        {
            request.Errors.Add("Missing value for required parameter 'status'.");
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        return Respond(await Store(context).FinalizeAsync(ModelId(context), status!, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> SearchAsync(MlflowRequest request, HttpContext context)
    {
        var experimentIds = request.StringList("experiment_ids");
        var max = request.MaxResults(DefaultSearchResults);
        if (experimentIds.Count == 0)
        {
            request.Errors.Add("Missing value for required parameter 'experiment_ids'.");
        }

        if (!string.IsNullOrWhiteSpace(request.String("filter")) || request.Objects("datasets").Count > 0 || request.Has("order_by") && request.StringList("order_by").Count > 0)
        {
            request.Errors.Add("Searching logged models supports experiment_ids, max_results and page_token only; filter, datasets and order_by are not supported yet.");
        }

        if (!PageToken.TryDecode(request.String("page_token"), out var offset, out var tokenError))
        {
            request.Errors.Add(tokenError!);
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var result = await Store(context).SearchAsync(experimentIds, max, offset, context.RequestAborted).ConfigureAwait(false);
        return result.Error is { } error
            ? MlflowErrors.ToResult(error)
            : MlflowJson.Ok(new { models = result.Value!.Models.Select(Wire).ToList(), next_page_token = result.Value.NextPageToken });
    }

    private static string ModelId(HttpContext context) => context.Request.RouteValues["model_id"] as string ?? string.Empty;

    private static IResult Respond(TrackingResult<LoggedModel> result) =>
        result.Error is { } error ? MlflowErrors.ToResult(error) : MlflowJson.Ok(new { model = Wire(result.Value!) });

    /// <summary>MLflow's LoggedModel message: info (attributes and tags) and data (params; metrics are not linked yet).</summary>
    private static object Wire(LoggedModel model) => new
    {
        info = new
        {
            model_id = model.ModelId,
            experiment_id = model.ExperimentId,
            name = model.Name,
            creation_timestamp_ms = model.CreationTimestampMs,
            last_updated_timestamp_ms = model.LastUpdatedTimestampMs,
            artifact_uri = model.ArtifactUri,
            status = model.Status,
            model_type = model.ModelType,
            source_run_id = model.SourceRunId,
            status_message = model.StatusMessage,
            tags = model.Tags,
        },
        data = new { @params = model.Params },
    };
}
