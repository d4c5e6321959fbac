using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>The MLflow-compatible tracking API, under both prefixes MLflow serves (/api for clients, /ajax-api for its UI).</summary>
public static class MlflowApiExtensions
{
    public static IServiceCollection AddMlflowApi(this IServiceCollection services)
    {
        services.AddSingleton(sp => new RunLogger(sp.GetRequiredService<ChurnOpsWorkspace>()));
        services.AddSingleton(sp => sp.GetRequiredService<RunLogger>().Experiments);
        services.AddSingleton(sp => sp.GetRequiredService<RunLogger>().Runs);
        services.AddSingleton<IArtifactStore>(sp => sp.GetRequiredService<ChurnOpsWorkspace>().Artifacts);
        services.AddSingleton<ILoggedModelStore>(sp =>
        {
            var workspace = sp.GetRequiredService<ChurnOpsWorkspace>();
            return new SqliteLoggedModelStore(workspace.Metadata, workspace.Time);
        });
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
