using ChurnOps.Server.Dashboard.Alerts;
using ChurnOps.Server.Dashboard.Deployments;
using ChurnOps.Server.Dashboard.Models;
using ChurnOps.Server.Dashboard.Monitoring;
using ChurnOps.Server.Dashboard.Pipelines;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// The operations side of the dashboard (Models, Deployments, Monitoring, Alerts, Pipelines): their read models, their
/// JSON twins in the native API, and their pages.
/// </summary>
internal static class OperationsPagesExtensions
{
    public static IServiceCollection AddOperationsPages(this IServiceCollection services)
    {
        services.AddSingleton<ModelsReader>();
        services.AddSingleton<DeploymentsReader>();
        services.AddSingleton<MonitoringReader>();
        services.AddSingleton<AlertsReader>();
        services.AddSingleton<PipelinesReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapOperationsPages(this IEndpointRouteBuilder app)
    {
        app.MapModelsApi();
        app.MapMonitoringApi();
        app.MapAlertsApi();
        app.MapPipelinesApi();
        return app;
    }
}
