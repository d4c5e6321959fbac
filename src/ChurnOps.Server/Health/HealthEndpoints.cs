using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (ChurnOpsWorkspace workspace, PredictionLog predictions) => Results.Ok(new
            {
                status = predictions.FailedWrites == 0 ? "ok" : "degraded",
                project = workspace.Config.Project,
                predictions_logged = predictions.Written,
                prediction_write_failures = predictions.FailedWrites,
                last_prediction_write_error = predictions.LastError,
                predictions_durable = predictions.Durable,
                predictions_replayed = predictions.Replayed,
            }))
            .WithName("Health");
        app.MapGet("/ping", () => Results.Ok());
        return app;
    }
}
