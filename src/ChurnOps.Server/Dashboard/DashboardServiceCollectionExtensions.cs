using ChurnOps.Server.Dashboard.Data;
using ChurnOps.Server.Dashboard.Experiments;
using ChurnOps.Server.Dashboard.Features;
using ChurnOps.Server.Dashboard.Overview;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Server.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard's read models: stateless views over the stores, one line per section.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton<ContractCatalog>();
        services.TryAddSingleton<OverviewReadModel>();
        services.TryAddSingleton<ExperimentsReadModel>();
        services.TryAddSingleton<DataReadModel>();
        services.TryAddSingleton<FeaturesReadModel>();
        services.AddOperationsPages();
        return services;
    }
}
