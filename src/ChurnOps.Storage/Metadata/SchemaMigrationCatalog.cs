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
        .. SqlEventLog.Migrations,
        .. SqlModelRegistry.Migrations,
        .. ChurnOps.Storage.Tracking.TrackingSchema.Migrations,
        .. SqlFeatureViewRegistry.Migrations,
        .. SqlDatasetVersionStore.Migrations,
        .. SqlContractStore.Migrations,
        .. SqlAlertStore.Migrations,
        .. ChurnOps.Storage.Deployments.SqlDeploymentStore.Migrations,
        .. ChurnOps.Storage.Retraining.SqlRetrainingStore.Migrations,
        .. ChurnOps.Storage.Pipelines.SqlPipelineRunStore.Migrations,
        .. ChurnOps.Storage.Audit.SqlAuditLog.Migrations,
        .. ChurnOps.Storage.Access.SqlAccessTokenStore.Migrations,
    ];
}
