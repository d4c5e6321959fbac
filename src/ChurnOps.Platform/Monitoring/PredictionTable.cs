using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Monitoring;

/// <summary>The monitoring.predictions table every scoring path appends to.</summary>
public static class PredictionTable
{
    public const string Schema = "monitoring";
    public const string Name = "predictions";

    public const string CreateSql = """
        CREATE TABLE IF NOT EXISTS monitoring.predictions (
            prediction_id VARCHAR NOT NULL,
            model_name VARCHAR NOT NULL,
            model_version INTEGER NOT NULL,
            entity_id VARCHAR,
            probability DOUBLE PRECISION NOT NULL,
            label BOOLEAN NOT NULL,
            source VARCHAR NOT NULL,
            scored_at TIMESTAMP NOT NULL,
            inputs VARCHAR,
            deployment_id INTEGER,
            arm VARCHAR)
        """;

    /// <summary>Tables created before deployments existed get the two nullable columns, at the end, so old rows read as no deployment.</summary>
    public const string AddDeploymentColumnsSql = """
        ALTER TABLE monitoring.predictions ADD COLUMN IF NOT EXISTS deployment_id INTEGER;
        ALTER TABLE monitoring.predictions ADD COLUMN IF NOT EXISTS arm VARCHAR;
        """;

    public static async Task EnsureAsync(IWarehouse warehouse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        await warehouse.ExecuteAsync(CreateSql, cancellationToken).ConfigureAwait(false);
        await warehouse.ExecuteAsync(AddDeploymentColumnsSql, cancellationToken).ConfigureAwait(false);
    }
}
