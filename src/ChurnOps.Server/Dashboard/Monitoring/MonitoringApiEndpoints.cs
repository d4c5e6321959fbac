using Microsoft.AspNetCore.Mvc;

namespace ChurnOps.Server.Dashboard.Monitoring;

/// <summary>
/// The Monitoring page's JSON twin: GET /api/v1/monitoring/{model}?window=1d&amp;windows=7 — per version, drift of the
/// latest window per column (test, score, threshold, both histograms) and estimated vs realised performance per window.
/// Read-only: raises no alert (that is `churnops monitor run`).
/// </summary>
internal static class MonitoringApiEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/monitoring/{model}", ReadAsync).WithTags("Monitoring")
            .WithSummary("Drift per column (reference vs current histograms) and estimated (CBPE) vs realised performance over time.");
        api.MapGet("/monitoring", (string? window, int? windows, MonitoringReader reader, CancellationToken ct) => ReadAsync(null, window, windows, reader, ct)).WithTags("Monitoring")
            .WithSummary("The same for the project's model (model.name).");
        return api;
    }

    private static async Task<IResult> ReadAsync(string? model, string? window, int? windows, MonitoringReader reader, CancellationToken ct)
    {
        var (page, error) = await reader.ReadAsync(model, window, windows, ct).ConfigureAwait(false);
        return page is null
            ? Results.Problem(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid request", Detail = error })
            : page.Message is { } message && message.StartsWith("no registered model", StringComparison.Ordinal)
                ? Results.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = message })
                : OperationsJson.Ok(page);
    }
}
