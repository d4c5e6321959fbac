using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Platform.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>The RACI policy, the token service (with its lookup cache) and the access gate, one of each per project.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.TryAddSingleton<AccessPolicy>();
        services.TryAddSingleton<AccessTokens>();
        services.TryAddSingleton<AccessGate>();
        return services;
    }
}
