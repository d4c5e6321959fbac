using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Storage.Tracking;

/// <summary>The experiment, run, logged-model and model-registry stores over a metadata database of either engine.</summary>
public static class TrackingStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the four stores over <paramref name="database"/> (embedded SQLite or team PostgreSQL: the stores pick
    /// their SQL from its dialect). TryAdd, like every store registration: the first backend registered wins, so team
    /// mode calls this before the embedded defaults.
    /// </summary>
    public static IServiceCollection AddSqlTrackingStores(this IServiceCollection services, Func<IServiceProvider, MetadataDatabase> database)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IModelRegistry>(sp => new SqlModelRegistry(database(sp), Time(sp)));
        services.TryAddSingleton<IExperimentStore>(sp => new SqlExperimentStore(database(sp), Time(sp)));
        services.TryAddSingleton<IRunStore>(sp => new SqlRunStore(database(sp), Time(sp)));
        services.TryAddSingleton<ILoggedModelStore>(sp => new SqlLoggedModelStore(database(sp), Time(sp)));
        return services;
    }

    private static TimeProvider Time(IServiceProvider services) => services.GetRequiredService<TimeProvider>();
}
