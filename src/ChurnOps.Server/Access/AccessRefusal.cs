using System.Text.Json;

namespace ChurnOps.Server.Access;

/// <summary>
/// 401 and 403 in each API's own shape: MLflow's `{"error_code": "UNAUTHENTICATED" | "PERMISSION_DENIED", "message"}`
/// on its routes (what its clients key on), ProblemDetails elsewhere, with the permission as an extension.
/// </summary>
internal static class AccessRefusal
{
    /// <summary>Both schemes MLflow clients use: a token as bearer, or as the password of basic auth.</summary>
    private const string Challenge = "Bearer realm=\"churnops\", Basic realm=\"churnops\"";

    public static Task UnauthenticatedAsync(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = Challenge;
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", message, permission: null);
    }

    public static Task ForbiddenAsync(HttpContext context, string message, string permission) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "PERMISSION_DENIED", message, permission);

    private static Task WriteAsync(HttpContext context, int status, string errorCode, string message, string? permission)
    {
        context.Response.StatusCode = status;
        if (IsMlflow(context.Request.Path))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, string> { ["error_code"] = errorCode, ["message"] = message }, cancellationToken: context.RequestAborted);
        }

        var extensions = permission is null ? null : new Dictionary<string, object?> { ["permission"] = permission };
        return TypedResults.Problem(statusCode: status, title: message, extensions: extensions).ExecuteAsync(context);
    }

    private static bool IsMlflow(PathString path) =>
        path.StartsWithSegments("/api/2.0/mlflow", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/2.0/mlflow-artifacts", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/ajax-api", StringComparison.OrdinalIgnoreCase);
}
