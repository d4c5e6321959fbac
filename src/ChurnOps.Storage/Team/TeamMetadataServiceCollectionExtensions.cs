using ChurnOps.Core.Alerts;
using ChurnOps.Core.Audit;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Deployments;
using ChurnOps.Core.Events;
using ChurnOps.Core.Features;
using ChurnOps.Core.Pipelines;
using ChurnOps.Core.Retraining;
using ChurnOps.Storage.Alerts;
using ChurnOps.Storage.Audit;
using ChurnOps.Storage.Contracts;
using ChurnOps.Storage.Datasets;
using ChurnOps.Storage.Deployments;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Pipelines;
using ChurnOps.Storage.Retraining;
using ChurnOps.Storage.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Storage.Team;

/// <summary>Registers the metadata stores on a team PostgreSQL database when <c>storage.metadata</c> names one.</summary>
public static class TeamMetadataServiceCollectionExtensions
{
    /// <summary>
    /// Nothing when <paramref name="metadataLocation"/> is empty (the embedded registrations that follow apply).
    /// Otherwise one <see cref="TeamMetadata"/> per container (a caller may register an already opened one first) and
    /// the stores of every area in <see cref="Metadata.TeamMetadataAreas.Ported"/> over it; call before
    /// AddEmbeddedStorage, whose TryAdd registrations then fill in only what team mode does not cover yet.
    /// </summary>
    public static IServiceCollection AddTeamMetadata(this IServiceCollection services, string? metadataLocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (string.IsNullOrWhiteSpace(metadataLocation))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TeamMetadata(metadataLocation, Time(sp)));
        services.AddSingleton<IStorageStartup>(sp => sp.GetRequiredService<TeamMetadata>());
        services.TryAddSingleton(new ClusteredJobStore(metadataLocation));
        services.TryAddSingleton<IContractStore>(sp => new SqlContractStore(Db(sp)));
        services.TryAddSingleton<IDatasetVersionStore>(sp => new SqlDatasetVersionStore(Db(sp)));
        services.TryAddSingleton<IAlertStore>(sp => new SqlAlertStore(Db(sp)));
        services.TryAddSingleton<IAlertLifecycle>(sp => new SqlAlertStore(Db(sp)));
        services.TryAddSingleton<IRetrainingStore>(sp => new SqlRetrainingStore(Db(sp)));
        services.TryAddSingleton<IEventLog>(sp => new SqlEventLog(Db(sp), Time(sp)));
        services.TryAddSingleton<IPipelineRunStore>(sp => new SqlPipelineRunStore(Db(sp), Time(sp)));
        services.TryAddSingleton<IDeploymentStore>(sp => new SqlDeploymentStore(Db(sp), Time(sp)));
        services.TryAddSingleton<IFeatureViewRegistry>(sp => new SqlFeatureViewRegistry(Db(sp)));
        services.TryAddSingleton<IAuditLog>(sp => new SqlAuditLog(Db(sp)));
        services.TryAddSingleton<ChurnOps.Core.Access.IAccessTokenStore>(sp => new ChurnOps.Storage.Access.SqlAccessTokenStore(Db(sp)));
        services.AddSqlTrackingStores(Db);
        return services;
    }

    private static Metadata.MetadataDatabase Db(IServiceProvider services) => services.GetRequiredService<TeamMetadata>().Database;

    private static TimeProvider Time(IServiceProvider services) => services.GetRequiredService<TimeProvider>();
}
