using ChurnOps.Platform.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Server.Audit;

internal static class AuditExtensions
{
    /// <summary>Work the server does on its own (canary analysis, the scheduler) is recorded as the local user from "server HOST".</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ICurrentActor>(new LocalActor("server")));

    /// <summary>Place after authentication (so the principal is known) and before anything that refuses a write.</summary>
    public static IApplicationBuilder UseAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
