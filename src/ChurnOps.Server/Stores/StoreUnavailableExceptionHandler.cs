using ChurnOps.Core.Stores;
using Microsoft.AspNetCore.Diagnostics;

namespace ChurnOps.Server.Stores;

/// <summary>
/// A team store (Redis, S3) that is down or refuses us is the server's dependency failing, not a bug: 503 with the
/// store's one-line reason (which names its location, never a secret), so a load balancer retries another replica.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoreUnavailableException unavailable)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "A store is unavailable", Detail = unavailable.Message },
        }).ConfigureAwait(false);
    }
}
