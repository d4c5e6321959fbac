using System.Diagnostics;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Deployments;

namespace ChurnOps.Server.Metrics;

/// <summary>
/// Measures every scoring request, whatever protocol answers it (OIP v2 infer, MLflow /invocations, native predict),
/// without touching the endpoints: the served version comes from the answer's x-model-version header, the arm from
/// x-deployment ("stable" when no deployment split the traffic). Other paths pass straight through.
/// </summary>
internal sealed class ServingMetricsMiddleware(RequestDelegate next, ServingMetrics metrics, ChurnOpsWorkspace workspace)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var protocol = ProtocolOf(context.Request.Path.Value);
        if (protocol is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context).ConfigureAwait(false);
            status = context.Response.StatusCode;
        }
        finally
        {
            var headers = context.Response.Headers;
            var version = headers["x-model-version"].ToString();
            var arm = DeploymentHeaders.ArmOf(headers[DeploymentHeaders.Deployment].ToString());

            // The model label is the route's name only once a version answered: a client's typo must not mint a new series.
            var model = version.Length == 0
                ? "unresolved"
                : context.Request.RouteValues["model"] as string ?? workspace.Config.Model.Name;
            metrics.RecordRequest(protocol, model, version.Length == 0 ? "none" : version, arm, status, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static string? ProtocolOf(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (path.StartsWith("/v2/models/", StringComparison.Ordinal) && path.EndsWith("/infer", StringComparison.Ordinal))
        {
            return "oip";
        }

        if (path.Equals("/invocations", StringComparison.Ordinal))
        {
            return "mlflow";
        }

        return path.StartsWith("/api/v1/predict/", StringComparison.Ordinal) ? "native" : null;
    }
}
