namespace ChurnOps.Server.Mlflow;

/// <summary>The MLflow-compatible tracking API, under both prefixes MLflow serves (/api for clients, /ajax-api for its UI).</summary>
public static class MlflowApiExtensions
{
    public static IServiceCollection AddMlflowApi(this IServiceCollection services)
    {
        // The stores (runs, experiments, logged models, artifacts) and RunLogger come from AddChurnOps.
        return services;
    }

    public static IEndpointRouteBuilder MapMlflowApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/api/2.0/mlflow", "/ajax-api/2.0/mlflow" })
        {
            var group = app.MapGroup(prefix).WithTags("MLflow tracking").ExcludeFromDescription();
            MlflowExperimentEndpoints.Map(group);
            MlflowRunEndpoints.Map(group);
            MlflowLoggingEndpoints.Map(group);
            MlflowMetricHistoryEndpoints.Map(group, ajax: prefix.StartsWith("/ajax-api", StringComparison.Ordinal));
            MlflowArtifactEndpoints.MapRunArtifacts(group);
            MlflowLoggedModelEndpoints.Map(group);
            MlflowRegisteredModelEndpoints.Map(group);
            MlflowModelVersionEndpoints.Map(group);
            if (prefix.StartsWith("/ajax-api", StringComparison.Ordinal))
            {
                MlflowUiEndpoints.MapAjax(group);
            }
        }

        MlflowUiEndpoints.MapRoot(app);

        foreach (var prefix in new[] { "/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts" })
        {
            MlflowArtifactEndpoints.MapProxy(app.MapGroup(prefix).WithTags("MLflow artifacts").ExcludeFromDescription());
        }

        return app;
    }
}
