using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace ChurnOps.Server.Security;

/// <summary>
/// Keeps a web page on another site from writing through a visitor's browser: a foreign Host header (DNS rebinding)
/// gets 400, and a mutating request must declare JSON, which a cross-site form or a no-cors fetch cannot do without a
/// CORS preflight (and no CORS headers are ever sent). The artifact proxy's PUT takes any content type, the UI's upload
/// any but the form types; /invocations checks its own (JSON or CSV).
/// </summary>
internal sealed class BrowserSafetyMiddleware(RequestDelegate next, HostAllowList hosts)
{
    private const string MlflowBadContentType = "Bad Request. Content-Type must be one of ['application/json'].";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!hosts.Allows(request.Host.Host))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE", "Host header not allowed: this server answers only to its own and loopback names.").ConfigureAwait(false);
            return;
        }

        if (ContentTypeError(request) is { } error)
        {
            // MLflow's own server answers a wrong Content-Type with 400 INVALID_PARAMETER_VALUE; its clients key on that.
            var mlflow = IsMlflow(request.Path);
            await RefuseAsync(context, mlflow ? StatusCodes.Status400BadRequest : StatusCodes.Status415UnsupportedMediaType, "INVALID_PARAMETER_VALUE", mlflow ? MlflowBadContentType : error).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static string? ContentTypeError(HttpRequest request)
    {
        if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method)))
        {
            return null;
        }

        var path = request.Path;
        if (path.StartsWithSegments("/invocations", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        var bodiless = request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey(HeaderNames.TransferEncoding));
        if (IsArtifactProxyPut(request))
        {
            // MLflow's artifact client sends each file's guessed type (text/plain for a .txt); a browser preflights a PUT.
            return null;
        }

        if (IsUiArtifactUpload(request))
        {
            return IsFormType(mediaType) ? $"Content-Type '{Printable(mediaType)}' is not accepted for an artifact upload; send the file's own type or application/octet-stream." : null;
        }

        if (string.IsNullOrWhiteSpace(request.ContentType))
        {
            // A bodiless POST without a Content-Type is what a no-cors fetch sends, so native routes refuse it; MLflow's
            // handlers accept it (its clients send one) and read no parameters from it. Other methods need a preflight.
            return HttpMethods.IsPost(request.Method) && !IsMlflow(path) ? "Content-Type: application/json is required for a POST." : bodiless ? null : "Content-Type: application/json is required.";
        }

        return mediaType is not null && IsJson(mediaType) ? null : $"Content-Type must be application/json (got '{Printable(request.ContentType)}').";
    }

    private static bool IsArtifactProxyPut(HttpRequest request) =>
        HttpMethods.IsPut(request.Method)
        && (request.Path.StartsWithSegments("/api/2.0/mlflow-artifacts/artifacts", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/ajax-api/2.0/mlflow-artifacts/artifacts", StringComparison.OrdinalIgnoreCase));

    /// <summary>The UI's upload is a POST, which a cross-site form can send, so the three form types stay refused.</summary>
    private static bool IsUiArtifactUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/ajax-api/2.0/mlflow/upload-artifact", StringComparison.OrdinalIgnoreCase);

    /// <summary>The three types a cross-site HTML form (or a CORS "simple" request) can send.</summary>
    private static bool IsFormType(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool IsMlflow(PathString path) =>
        path.StartsWithSegments("/api/2.0/mlflow", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/2.0/mlflow-artifacts", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/ajax-api", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext context, int status, string errorCode, string message)
    {
        context.Response.StatusCode = status;
        if (IsMlflow(context.Request.Path))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, string> { ["error_code"] = errorCode, ["message"] = message }, cancellationToken: context.RequestAborted);
        }

        return TypedResults.Problem(statusCode: status, title: message).ExecuteAsync(context);
    }

    private static string Printable(string? text)
    {
        text ??= "";
        var cut = text.Length > 100 ? text[..100] + "…" : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
    }
}
