using ChurnOps.Storage.Warehouse;
using DuckDB.NET.Data;

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
            await warehouse.ExecuteAsync(JournalMarkCreateSql, cancellationToken).ConfigureAwait(false);
        }

        var inputs = new PredictionInputsJson();
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Journaled rows and their segment's mark commit together: replay after a crash skips exactly what is here.
        var marks = JournalMarks(records);
        await using var transaction = marks.Count > 0 ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
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

        if (transaction is not null)
        {
            foreach (var (segment, sequence) in marks)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = (DuckDBTransaction)transaction;
                command.CommandText = $"INSERT INTO {JournalMarkTable} VALUES ($segment, $sequence) ON CONFLICT (segment) DO UPDATE SET last_sequence = excluded.last_sequence";
                command.Parameters.Add(new DuckDBParameter("segment", segment));
                command.Parameters.Add(new DuckDBParameter("sequence", sequence));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The last sequence of a journal segment the warehouse holds (0 when none).</summary>
    internal static async Task<long> JournalMarkAsync(DuckDbWarehouse warehouse, string segment, CancellationToken cancellationToken)
    {
        await warehouse.ExecuteAsync(JournalMarkCreateSql, cancellationToken).ConfigureAwait(false);
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT last_sequence FROM {JournalMarkTable} WHERE segment = $segment";
        command.Parameters.Add(new DuckDBParameter("segment", segment));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long sequence ? sequence : 0;
    }

    private const string JournalMarkTable = "monitoring.prediction_journal_marks";

    private const string JournalMarkCreateSql = $"CREATE TABLE IF NOT EXISTS {JournalMarkTable} (segment VARCHAR PRIMARY KEY, last_sequence BIGINT NOT NULL)";

    private static Dictionary<string, long> JournalMarks(IReadOnlyList<PredictionRecord> records)
    {
        var marks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Journal is { } position && (!marks.TryGetValue(position.Segment, out var seen) || position.Sequence > seen))
            {
                marks[position.Segment] = position.Sequence;
            }
        }

        return marks;
    }
}
