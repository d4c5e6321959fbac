using System.Text;

namespace ChurnOps.Server.Dashboard.Rendering;

/// <summary>Writes a page in the layout with its status code; a page that fails while rendering becomes the friendly 500 page.</summary>
internal sealed class DashboardPageResult(DashboardPage page) : IResult
{
    public DashboardPage Page => page;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        string html;
        var status = page.StatusCode;
        try
        {
            html = DashboardLayout.Render(page);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            DashboardLog.PageFailed(Logger(httpContext), httpContext.Request.Path.Value ?? "/", exception);
            var failure = DashboardErrors.Failure(httpContext.TraceIdentifier).Page;
            html = DashboardLayout.Render(failure);
            status = failure.StatusCode;
        }

        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        // Everything a page uses comes from this server; inline script and style are refused.
        response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        response.Headers["Referrer-Policy"] = "same-origin";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChurnOps.Server.Dashboard");
}
