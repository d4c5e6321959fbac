using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Access;

internal static class AccessServerExtensions
{
    public static IServiceCollection AddServerAccess(this IServiceCollection services, ChurnOpsWorkspace workspace)
    {
        services.AddSingleton(new JwtSetup(workspace));
        services.AddSingleton<EndpointActivities>();
        services.AddSingleton<LocalPrincipal>();
        services.AddHostedService<AccessStartupCheck>();
        return services;
    }

    /// <summary>After routing (so the endpoint, and with it the activity, is known) and before any handler.</summary>
    public static IApplicationBuilder UseAccess(this IApplicationBuilder app) => app.UseMiddleware<AccessMiddleware>();
}
