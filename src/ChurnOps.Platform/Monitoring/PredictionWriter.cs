using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Monitoring;

/// <summary>Appends predictions to monitoring.predictions with DuckDB's appender (one transaction per batch).</summary>
public static class PredictionWriter
{
    public static Task AppendAsync(DuckDbWarehouse warehouse, IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken) =>
        AppendAsync(warehouse, records, ensureTable: true, cancellationToken);

    /// <summary>
    /// Appends the batch; records that carry their scored row get their inputs JSON written here, off the request path.
    /// <paramref name="ensureTable"/> false skips the CREATE TABLE IF NOT EXISTS (its own commit) once the table is known.
    /// </summary>
    internal static async Task AppendAsync(DuckDbWarehouse warehouse, IReadOnlyList<PredictionRecord> records, bool ensureTable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        if (ensureTable)
        {
            await PredictionTable.EnsureAsync(warehouse, cancellationToken).ConfigureAwait(false);
        }

        var inputs = new PredictionInputsJson();
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using (var appender = connection.CreateAppender(PredictionTable.Schema, PredictionTable.Name))
        {
            foreach (var record in records)
            {
                var row = appender.CreateRow()
                    .AppendValue(record.PredictionId)
                    .AppendValue(record.ModelName)
                    .AppendValue((int?)record.ModelVersion);
                row = record.EntityId is null ? row.AppendNullValue() : row.AppendValue(record.EntityId);
                row = row.AppendValue((double?)record.Probability)
                    .AppendValue((bool?)record.Label)
                    .AppendValue(record.Source)
                    .AppendValue((DateTime?)record.ScoredAt.UtcDateTime);
                row = inputs.For(record) is { } json ? row.AppendValue(json) : row.AppendNullValue();
                row.EndRow();
            }
        }
    }
}
