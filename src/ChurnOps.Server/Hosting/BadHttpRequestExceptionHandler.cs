using ChurnOps.Server.Mlflow;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace ChurnOps.Server.Hosting;

/// <summary>
/// Kestrel's refusal of a request while an endpoint reads its body (over <c>serving.max_request_bytes</c>, a body cut
/// short) is the client's error with Kestrel's status, 413 or 400, never a 500: in MLflow's shape on the MLflow routes,
/// ProblemDetails elsewhere. Routes that read their own bodies already answer this themselves.
/// </summary>
internal sealed class BadHttpRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge && httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"request body exceeds {limit} bytes (serving.max_request_bytes)"
            : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        var path = httpContext.Request.Path;
        if (path.StartsWithSegments("/api/2.0/mlflow") || path.StartsWithSegments("/ajax-api/2.0/mlflow"))
        {
            await MlflowErrors.Status(bad.StatusCode, "INVALID_PARAMETER_VALUE", message).ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request", Detail = message },
        }).ConfigureAwait(false);
    }
}
