namespace ChurnOps.Server.Mlflow;

/// <summary>Maps an MLflow handler: reads the request (query or body) once and turns a malformed one into MLflow's 400.</summary>
internal static class MlflowRoutes
{
    public static RouteHandlerBuilder MapMlflow(this IEndpointRouteBuilder group, string method, string pattern, Func<MlflowRequest, HttpContext, Task<IResult>> handler) =>
        group.MapMethods(pattern, [method], async (HttpContext context) =>
        {
            var (request, error) = await MlflowRequest.ReadAsync(context).ConfigureAwait(false);
            if (request is null)
            {
                return MlflowErrors.Invalid(error!);
            }

            var result = await handler(request, context).ConfigureAwait(false);
            Audit.AuditedObject.Describe(request);
            return result;
        });

    /// <summary>The run id from run_id, or the deprecated run_uuid older clients still send.</summary>
    public static string? RunId(this MlflowRequest request)
    {
        var id = request.String("run_id");
        if (string.IsNullOrEmpty(id))
        {
            id = request.String("run_uuid");
        }

        if (string.IsNullOrEmpty(id))
        {
            request.Errors.Add("Missing value for required parameter 'run_id'.");
        }

        return id;
    }

    /// <summary>ViewType as MLflow sends it: the enum name, or its protobuf number as text (GET).</summary>
    public static Core.Tracking.ViewType ViewType(this MlflowRequest request, string name)
    {
        var text = request.EnumName(name);
        switch (text)
        {
            case null or "" or "ACTIVE_ONLY" or "1":
                return Core.Tracking.ViewType.ActiveOnly;
            case "DELETED_ONLY" or "2":
                return Core.Tracking.ViewType.DeletedOnly;
            case "ALL" or "3":
                return Core.Tracking.ViewType.All;
            default:
                request.Errors.Add($"Invalid value '{text}' for parameter '{name}'. Valid values are ACTIVE_ONLY, DELETED_ONLY and ALL.");
                return Core.Tracking.ViewType.ActiveOnly;
        }
    }

    public static int MaxResults(this MlflowRequest request, int defaultValue)
    {
        var value = request.Long("max_results");
        if (value is null)
        {
            return defaultValue;
        }

        if (value < 1 || value > Core.Tracking.TrackingLimits.MaxSearchResults)
        {
            request.Errors.Add($"Invalid value {value} for parameter 'max_results' supplied. It must be at most {Core.Tracking.TrackingLimits.MaxSearchResults} and positive.");
            return defaultValue;
        }

        return (int)value.Value;
    }

    public static IReadOnlyList<Core.Tracking.TrackingTag> Tags(this MlflowRequest request, string name) =>
        request.Objects(name).Select(t => new Core.Tracking.TrackingTag(t.String("key")!, t.String("value") ?? string.Empty)).ToList();
}
