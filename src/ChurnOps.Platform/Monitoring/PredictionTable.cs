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
            probability DOUBLE NOT NULL,
            label BOOLEAN NOT NULL,
            source VARCHAR NOT NULL,
            scored_at TIMESTAMP NOT NULL,
            inputs VARCHAR)
        """;

    public static Task EnsureAsync(IWarehouse warehouse, CancellationToken cancellationToken) => warehouse.ExecuteAsync(CreateSql, cancellationToken);
}
