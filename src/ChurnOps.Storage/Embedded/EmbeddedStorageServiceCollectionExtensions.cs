using ChurnOps.Core.Alerts;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Data;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Events;
using ChurnOps.Core.Features;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Alerts;
using ChurnOps.Storage.Contracts;
using ChurnOps.Storage.Datasets;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Files;
using ChurnOps.Storage.Registry;
using ChurnOps.Storage.Tracking;
using ChurnOps.Storage.Warehouse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Storage.Embedded;

/// <summary>Registers every store interface of ChurnOps.Core with its embedded backend (SQLite, DuckDB, local files).</summary>
public static class EmbeddedStorageServiceCollectionExtensions
{
    /// <summary>
    /// One <see cref="EmbeddedStorage"/> per container (a caller may register an already opened one first), and every
    /// store on top of it. Stores are singletons: each is a thin object over the shared database handles.
    /// </summary>
    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services, Func<IServiceProvider, EmbeddedStorageLocation> location)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(location);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EmbeddedStorage(location(sp)));
        services.TryAddSingleton<IContractStore>(sp => new SqlContractStore(Storage(sp).Metadata));
        services.TryAddSingleton<IDatasetVersionStore>(sp => new SqlDatasetVersionStore(Storage(sp).Metadata));
        services.TryAddSingleton<IAlertStore>(sp => new SqlAlertStore(Storage(sp).Metadata));
        services.TryAddSingleton<IAlertLifecycle>(sp => new SqlAlertStore(Storage(sp).Metadata));
        services.TryAddSingleton<ChurnOps.Core.Retraining.IRetrainingStore>(sp => new ChurnOps.Storage.Retraining.SqlRetrainingStore(Storage(sp).Metadata));
        services.TryAddSingleton<IEventLog>(sp => new SqlEventLog(Storage(sp).Metadata, Time(sp)));
        services.TryAddSingleton<ChurnOps.Core.Pipelines.IPipelineRunStore>(sp => new ChurnOps.Storage.Pipelines.SqlPipelineRunStore(Storage(sp).Metadata, Time(sp)));
        services.TryAddSingleton<IModelRegistry>(sp => new SqlModelRegistry(Storage(sp).Metadata, Time(sp)));
        services.TryAddSingleton<IFeatureViewRegistry>(sp => new SqlFeatureViewRegistry(Storage(sp).Metadata));
        services.TryAddSingleton<IExperimentStore>(sp => new SqlExperimentStore(Storage(sp).Metadata, Time(sp)));
        services.TryAddSingleton<IRunStore>(sp => new SqlRunStore(Storage(sp).Metadata, Time(sp)));
        services.TryAddSingleton<ILoggedModelStore>(sp => new SqlLoggedModelStore(Storage(sp).Metadata, Time(sp)));
        services.TryAddSingleton<ChurnOps.Core.Deployments.IDeploymentStore>(sp => new ChurnOps.Storage.Deployments.SqlDeploymentStore(Storage(sp).Metadata, Time(sp)));
        services.TryAddSingleton<ChurnOps.Core.Audit.IAuditLog>(sp => new ChurnOps.Storage.Audit.SqlAuditLog(Storage(sp).Metadata));
        services.TryAddSingleton<ChurnOps.Core.Access.IAccessTokenStore>(sp => new ChurnOps.Storage.Access.SqlAccessTokenStore(Storage(sp).Metadata));
        services.TryAddSingleton<IWarehouse>(sp => Storage(sp).Warehouse);
        services.TryAddSingleton<IReadOnlyQueries>(sp => Storage(sp).Warehouse);
        services.TryAddSingleton<IArtifactStore>(sp => Storage(sp).Artifacts);
        services.TryAddSingleton<IOnlineStoreSource>(Storage);
        services.TryAddSingleton<IWarehouseTransactions>(sp => new DuckDbWarehouseTransactions(Storage(sp).Warehouse));
        services.TryAddSingleton<IWarehouseAppender>(sp => new DuckDbWarehouseAppender(Storage(sp).Warehouse));
        services.TryAddSingleton<IPointInTimeJoinDialect, DuckDbPointInTimeJoin>();
        services.TryAddSingleton<IParquetConverter, DuckDbParquetConverter>();
        services.TryAddSingleton<IRawFileScan, DuckDbRawFileScan>();
        services.TryAddSingleton<IQueryFileExport, DuckDbQueryFileExport>();
        services.TryAddSingleton<IFileRowSource, DuckDbFileRowSource>();
        return services;
    }

    private static EmbeddedStorage Storage(IServiceProvider services) => services.GetRequiredService<EmbeddedStorage>();

    private static TimeProvider Time(IServiceProvider services) => services.GetRequiredService<TimeProvider>();
}
