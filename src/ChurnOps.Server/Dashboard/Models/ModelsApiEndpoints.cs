using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Access;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Registry;
using Microsoft.AspNetCore.Mvc;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>
/// The Models pages' JSON twins in the native API: /api/v1/models (the registry), /api/v1/models/{name} (versions,
/// aliases), /api/v1/models/{name}/versions/{version} (card, lineage, decisions), and POST .../approve|reject, which go
/// through the registry's own use case (accountable team, four eyes, gates): the API only carries the request.
/// </summary>
internal static class ModelsApiEndpoints
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/models").WithTags("Models");
        group.MapGet("/", async (ModelsReader reader, CancellationToken ct) => OperationsJson.Ok(await reader.ListAsync(ct).ConfigureAwait(false)))
            .WithSummary("Registered models with their newest and serving versions, and the approval rule.");
        group.MapGet("/{name}", GetModelAsync).WithSummary("A model's versions (status, stage, aliases, gates) newest first.");
        group.MapGet("/{name}/versions/{version}", GetVersionAsync).WithSummary("A version with its metrics, decisions, model card and lineage.");
        group.MapPost("/{name}/versions/{version}/{decision}", DecideAsync).WithSummary("approve or reject a version as the accountable team ({\"actor\", \"team\", \"note\"}).");
        return api;
    }

    private static async Task<IResult> GetModelAsync(string name, ModelsReader reader, CancellationToken ct) =>
        await reader.GetModelAsync(name, ct).ConfigureAwait(false) is { } model
            ? OperationsJson.Ok(model)
            : Problem(StatusCodes.Status404NotFound, $"no registered model '{Cut(name)}'");

    private static async Task<IResult> GetVersionAsync(string name, string version, ModelsReader reader, CancellationToken ct)
    {
        if (ParseVersion(version) is not { } number)
        {
            return Problem(StatusCodes.Status400BadRequest, $"version '{Cut(version)}' is not a version number (1, 2, …)");
        }

        var (model, notFound) = await reader.GetVersionAsync(name, number, ct).ConfigureAwait(false);
        return model is null ? Problem(StatusCodes.Status404NotFound, Cut(notFound!, 300)) : OperationsJson.Ok(model);
    }

    private static async Task<IResult> DecideAsync(string name, string version, string decision, HttpRequest http, ModelLifecycle lifecycle, ModelsReader reader, CancellationToken ct)
    {
        if (decision is not ("approve" or "reject"))
        {
            return Problem(StatusCodes.Status404NotFound, $"unknown decision '{Cut(decision)}'; use approve or reject");
        }

        if (ParseVersion(version) is not { } number)
        {
            return Problem(StatusCodes.Status400BadRequest, $"version '{Cut(version)}' is not a version number (1, 2, …)");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, default, ct).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed JSON: " + Cut(ex.Message.ReplaceLineEndings(" "), 200));
        }

        var (request, error) = DecisionRequest.Read(body);
        if (request is null)
        {
            return Problem(StatusCodes.Status400BadRequest, error!);
        }

        // A caller who proved who it is (token, JWT) acts as itself; the zero-config local user (no credentials) may name
        // the actor, as the CLI's --as/--team do, and the registry's accountable-team and four-eyes rules still apply.
        var actor = ActorClaims.ProvenFromPrincipal(http.HttpContext.User) is { } signedIn
            ? new RegistryActor(signedIn.Name, signedIn.Team)
            : new RegistryActor(request.Actor ?? Environment.UserName, request.Team);
        var result = decision == "approve"
            ? await lifecycle.ApproveAsync(name, number, actor, request.Note, ct).ConfigureAwait(false)
            : await lifecycle.RejectAsync(name, number, actor, request.Note, ct).ConfigureAwait(false);
        if (result.Error is { } refused)
        {
            return Problem(refused.Code switch
            {
                RegistryErrorCode.ResourceDoesNotExist => StatusCodes.Status404NotFound,
                RegistryErrorCode.PermissionDenied => StatusCodes.Status403Forbidden,
                RegistryErrorCode.ResourceAlreadyExists => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }, refused.Message);
        }

        var (model, _) = await reader.GetVersionAsync(name, number, ct).ConfigureAwait(false);
        return OperationsJson.Ok(model);
    }

    private static int? ParseVersion(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static string Cut(string text, int max = 60) => text.Length <= max ? text : text[..max] + "…";

    private static IResult Problem(int status, string detail) => Results.Problem(new ProblemDetails
    {
        Status = status,
        Title = status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status403Forbidden => "Not allowed",
            _ => "Invalid request",
        },
        Detail = detail,
    });
}
