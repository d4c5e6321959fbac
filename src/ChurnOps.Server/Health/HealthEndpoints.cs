using System.Globalization;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Health;

/// <summary>
/// Liveness and readiness. Live: the process answers. Ready (/ping, /v2/health/ready, /v2/models/{m}/ready): the model
/// is loaded and its warm-up row scored; otherwise 503 with the reason, so a Kubernetes probe keeps traffic away.
/// </summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<ModelReadiness>();
        services.AddHostedService<ModelWarmupService>();
        return services;
    }

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

        // MLflow's scoring-server health check: 200 once the served model can answer.
        // MLflow's scoring-server health check: 200 once the served model can answer.
        app.MapGet("/ping", PingAsync);
        return app;
    }

    private static async Task<IResult> PingAsync(ModelReadiness readiness, CancellationToken ct)
    {
        var report = await readiness.CheckServingAsync(ct).ConfigureAwait(false);
        return report.Ready
            ? Results.Text("\n", "application/json")
            : Results.Json(new { ready = false, model = report.Model, reason = report.Reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static IResult Live() => Results.Ok(new { live = true });

    public static async Task<IResult> ServerReadyAsync(ModelReadiness readiness, CancellationToken ct)
    {
        var report = await readiness.CheckServingAsync(ct).ConfigureAwait(false);
        return report.Ready
            ? Results.Ok(new { ready = true, model = report.Model, version = report.Version })
            : Results.Json(new { ready = false, model = report.Model, reason = report.Reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<IResult> ModelReadyAsync(string model, string? version, ModelReadiness readiness, CancellationToken ct)
    {
        int? number = null;
        if (version is not null)
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                return Results.NotFound(new { error = $"model '{model}' has no version '{(version.Length <= 40 ? version : version[..40] + "…")}'; versions are positive integers" });
            }

            number = parsed;
        }

        var report = await readiness.CheckAsync(model, number, ct).ConfigureAwait(false);
        if (report.Ready)
        {
            return Results.Ok(new { name = model, ready = true, version = report.Version });
        }

        return report.Known
            ? Results.Json(new { name = model, ready = false, reason = report.Reason }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.NotFound(new { error = report.Reason });
    }
}
