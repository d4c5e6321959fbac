namespace ChurnOps.Server.Dashboard.Rendering;

/// <summary>A page handler that throws answers the friendly 500 page (the exception goes to the log, not the browser).</summary>
internal sealed class DashboardFailureFilter(ILogger<DashboardFailureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            DashboardLog.PageFailed(logger, context.HttpContext.Request.Path.Value ?? "/", exception);
            return DashboardErrors.Failure(context.HttpContext.TraceIdentifier);
        }
    }
}
