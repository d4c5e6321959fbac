using ChurnOps.Server.Dashboard.Alerts;
using ChurnOps.Server.Dashboard.Deployments;
using ChurnOps.Server.Dashboard.Models;
using ChurnOps.Server.Dashboard.Monitoring;
using ChurnOps.Server.Dashboard.Pipelines;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// The operations side of the dashboard (Models, Deployments, Monitoring, Alerts, Pipelines): their read models, their
/// pages under /ui and their JSON twins under /api/v1 (deployments reuse the existing /api/v1/deployments).
/// </summary>
internal static class OperationsPages
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

    public static void Map(DashboardRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Api.MapModelsApi();
        routes.Api.MapMonitoringApi();
        routes.Api.MapAlertsApi();
        routes.Api.MapPipelinesApi();
        ModelPages.Map(routes.Ui);
        DeploymentPages.Map(routes.Ui);
        MonitoringPages.Map(routes.Ui);
        AlertPages.Map(routes.Ui);
        PipelinePages.Map(routes.Ui);
    }
}
