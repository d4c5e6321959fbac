using ChurnOps.Core.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Platform.Audit;

/// <summary>The audit trail over whichever <see cref="Core.Audit.IAuditLog"/> the storage registered, and the audited alert store.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AuditTrail"/>, the CLI's <see cref="ICurrentActor"/> (the OS user, "cli HOST") unless one is
    /// registered, and wraps the registered <see cref="IAlertLifecycle"/> so acks and resolves are recorded. Call after
    /// the stores are registered.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ICurrentActor>(new LocalActor("cli"));
        services.TryAddSingleton<AuditTrail>();
        var alerts = services.LastOrDefault(d => d.ServiceType == typeof(IAlertLifecycle));
        if (alerts is not null && alerts.ImplementationFactory is { } factory && alerts.Lifetime == ServiceLifetime.Singleton)
        {
            services.Remove(alerts);
            services.AddSingleton<IAlertLifecycle>(sp => new AuditedAlertLifecycle((IAlertLifecycle)factory(sp), sp.GetRequiredService<AuditTrail>()));
        }

        return services;
    }
}
