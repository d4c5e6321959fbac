using Microsoft.AspNetCore.Mvc;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>
/// The Pipelines pages' JSON twins: GET /api/v1/pipelines (pipelines, last runs, problems), /api/v1/pipelines/{name}
/// (definition and run history) and /api/v1/pipelines/runs/{id} (every attempt with its log).
/// </summary>
internal static class PipelinesApiEndpoints
{
    public static IEndpointRouteBuilder MapPipelinesApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/pipelines").WithTags("Pipelines");
        group.MapGet("/", async (PipelinesReader reader, CancellationToken ct) => OperationsJson.Ok(await reader.ListAsync(ct).ConfigureAwait(false)))
            .WithSummary("The project's pipelines with their newest run, and the problems in pipelines/*.yaml.");
        group.MapGet("/runs/{id:long}", async (long id, PipelinesReader reader, CancellationToken ct) =>
            await reader.GetRunAsync(id, ct).ConfigureAwait(false) is { } run ? OperationsJson.Ok(run) : NotFound($"no pipeline run {id}"))
            .WithSummary("A run with every step attempt, its state, error, outputs and log.");
        group.MapGet("/{name}", async (string name, PipelinesReader reader, CancellationToken ct) =>
            await reader.GetAsync(name, ct).ConfigureAwait(false) is { } pipeline ? OperationsJson.Ok(pipeline) : NotFound($"no pipeline '{(name.Length <= 60 ? name : name[..60] + "…")}' in pipelines/*.yaml"))
            .WithSummary("A pipeline's definition and its runs, newest first.");
        return api;
    }

    private static IResult NotFound(string detail) =>
        Results.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail });
}
