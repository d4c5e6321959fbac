using System.Text.Json;
using ChurnOps.Core.Access;
using ChurnOps.Core.Alerts;
using Microsoft.AspNetCore.Mvc;

namespace ChurnOps.Server.Dashboard.Alerts;

/// <summary>
/// The Alerts page's JSON twin: GET /api/v1/alerts?status=active|open|acked|resolved|all&amp;team=T (grouped by team),
/// GET /api/v1/alerts/{id}, and POST /api/v1/alerts/{id}/ack|resolve with {"by"?, "note"?}, as `churnops alerts ack|resolve`.
/// </summary>
internal static class AlertsApiEndpoints
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("/", ListAsync).WithSummary("Alerts grouped by owning team; status active (open and acked, the default), open, acked, resolved or all.");
        group.MapGet("/{id:long}", async (long id, AlertsReader reader, CancellationToken ct) =>
            await reader.GetAsync(id, ct).ConfigureAwait(false) is { } alert ? OperationsJson.Ok(alert) : Problem(StatusCodes.Status404NotFound, $"no alert {id}"))
            .WithSummary("One alert with its evidence.");
        group.MapPost("/{id:long}/{action}", MoveAsync).WithSummary("ack or resolve an alert ({\"by\", \"note\"}).");
        return api;
    }

    private static async Task<IResult> ListAsync(string? status, string? team, AlertsReader reader, CancellationToken ct)
    {
        var (model, error) = await reader.ListAsync(status, team, ct).ConfigureAwait(false);
        return model is null ? Problem(StatusCodes.Status400BadRequest, error!) : OperationsJson.Ok(model);
    }

    private static async Task<IResult> MoveAsync(long id, string action, HttpRequest http, AlertsReader reader, CancellationToken ct)
    {
        var status = action switch { "ack" => AlertStatus.Acked, "resolve" => AlertStatus.Resolved, _ => null };
        if (status is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"unknown action '{(action.Length <= 20 ? action : action[..20] + "…")}'; use ack or resolve");
        }

        string? by = null;
        string? note = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, default, ct).ConfigureAwait(false);
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return Problem(StatusCodes.Status400BadRequest, "the body must be a JSON object: {\"by\": ..., \"note\": ...}");
            }

            foreach (var property in body.EnumerateObject())
            {
                if (property.Name is not ("by" or "note") || property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return Problem(StatusCodes.Status400BadRequest, $"{(property.Name.Length <= 40 ? property.Name : property.Name[..40] + "…")}: expected \"by\" or \"note\" with a string value");
                }
            }

            by = body.TryGetProperty("by", out var b) ? b.GetString() : null;
            note = body.TryGetProperty("note", out var n) ? n.GetString() : null;
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed JSON: " + ex.Message.ReplaceLineEndings(" "));
        }

        if (by?.Length > 200 || note?.Length > 2000)
        {
            return Problem(StatusCodes.Status400BadRequest, "by is at most 200 characters and note at most 2000");
        }

        var who = ActorClaims.ProvenFromPrincipal(http.HttpContext.User)?.Name ?? (string.IsNullOrWhiteSpace(by) ? Environment.UserName : by.Trim());
        var moved = await reader.MoveAsync(id, status, who, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ct).ConfigureAwait(false);
        if (moved.Succeeded)
        {
            return OperationsJson.Ok(moved.Alert);
        }

        return await reader.GetAsync(id, ct).ConfigureAwait(false) is null
            ? Problem(StatusCodes.Status404NotFound, $"no alert {id}")
            : Problem(StatusCodes.Status409Conflict, moved.Error!);
    }

    private static IResult Problem(int status, string detail) => Results.Problem(new ProblemDetails
    {
        Status = status,
        Title = status switch { StatusCodes.Status404NotFound => "Not found", StatusCodes.Status409Conflict => "Alert conflict", _ => "Invalid request" },
        Detail = detail,
    });
}
