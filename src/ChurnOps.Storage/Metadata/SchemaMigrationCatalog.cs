using ChurnOps.Storage.Alerts;
using ChurnOps.Storage.Contracts;
using ChurnOps.Storage.Datasets;
using ChurnOps.Storage.Events;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Registry;

namespace ChurnOps.Storage.Metadata;

/// <summary>Every area's migrations, applied when the metadata database opens. Add an area's list here.</summary>
public static class SchemaMigrationCatalog
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        .. SqliteEventLog.Migrations,
        .. SqliteModelRegistry.Migrations,
        .. ChurnOps.Storage.Tracking.TrackingSchema.Migrations,
        .. SqliteFeatureViewRegistry.Migrations,
        .. SqliteDatasetVersionStore.Migrations,
        .. SqliteContractStore.Migrations,
        .. SqliteAlertStore.Migrations,
        .. ChurnOps.Storage.Deployments.SqliteDeploymentStore.Migrations,
        .. ChurnOps.Storage.Retraining.SqliteRetrainingStore.Migrations,
        .. ChurnOps.Storage.Pipelines.SqlitePipelineRunStore.Migrations,
        .. ChurnOps.Storage.Access.SqliteAccessTokenStore.Migrations,
    ];
}
