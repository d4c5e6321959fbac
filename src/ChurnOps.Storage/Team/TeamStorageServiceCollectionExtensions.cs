using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Storage.Team;

/// <summary>Puts the team online store (Redis) and artifact store (S3) in place of the embedded ones a project names them for.</summary>
public static class TeamStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="TeamStorage"/> per container (a caller may register an already built one first, to share
    /// it) and, for each store switched on, that store in place of the embedded one, whatever was registered before.
    /// </summary>
    public static IServiceCollection AddTeamOnlineAndArtifacts(this IServiceCollection services, bool online, bool artifacts, Func<IServiceProvider, TeamStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (!online && !artifacts)
        {
            return services;
        }

        services.TryAddSingleton(sp => new TeamStorage(options(sp)));
        if (online)
        {
            services.Replace(ServiceDescriptor.Singleton<IOnlineStoreSource>(sp => Team(sp).Online ?? throw NotConfigured("online")));
        }

        if (artifacts)
        {
            services.Replace(ServiceDescriptor.Singleton<IArtifactStore>(sp => Team(sp).Artifacts ?? throw NotConfigured("artifact")));
        }

        return services;
    }

    private static TeamStorage Team(IServiceProvider services) => services.GetRequiredService<TeamStorage>();

    private static InvalidOperationException NotConfigured(string store) =>
        new($"the {store} store was registered as a team store but the team storage options name none");
}
