using ChurnOps.Platform.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChurnOps.Server.Features;

/// <summary>The feature store over HTTP: online lookups by entity key.</summary>
internal static class FeatureEndpoints
{
    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/features").WithTags("Features");
        group.MapGet("/online", GetOnlineAsync)
            .WithName("GetOnlineFeatures")
            .WithSummary("Latest feature values of one entity from the online store.");
        return app;
    }

    internal static async Task<Results<Ok<OnlineFeaturesResponse>, NotFound<ProblemDetails>, ValidationProblem>> GetOnlineAsync(
        string? view, string? entity, FeatureStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(view))
        {
            errors["view"] = ["the query parameter 'view' (a feature view name) is required"];
        }

        if (string.IsNullOrWhiteSpace(entity))
        {
            errors["entity"] = ["the query parameter 'entity' (the entity key, e.g. a customer_id) is required"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var features = await store.GetOnlineFeaturesAsync(view!, entity!, cancellationToken).ConfigureAwait(false);
        if (features is null)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Online features not found",
                Detail = $"no online features for entity '{entity}' in view '{view}' (is the view materialized? run 'churnops features materialize')",
            });
        }

        return TypedResults.Ok(new OnlineFeaturesResponse(features.View, features.Version, features.EntityKey, features.EventTimestamp, features.Values));
    }
}
