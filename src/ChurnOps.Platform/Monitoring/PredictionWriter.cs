using System.Globalization;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// Appends predictions to monitoring.predictions through the warehouse's bulk appender (one transaction per batch when
/// journal marks commit with it).
/// </summary>
public sealed class PredictionWriter(IWarehouse warehouse, IWarehouseAppender appender)
{
    private const string JournalMarkTable = "monitoring.prediction_journal_marks";

    private const string JournalMarkCreateSql = $"CREATE TABLE IF NOT EXISTS {JournalMarkTable} (segment VARCHAR PRIMARY KEY, last_sequence BIGINT NOT NULL)";

    public Task AppendAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken) =>
        AppendAsync(records, ensureTable: true, cancellationToken);

    /// <summary>
    /// Appends the batch; records that carry their scored row get their inputs JSON written here, off the request path.
    /// <paramref name="ensureTable"/> false skips the CREATE TABLE IF NOT EXISTS (its own commit) once the table is known.
    /// </summary>
    internal async Task AppendAsync(IReadOnlyList<PredictionRecord> records, bool ensureTable, CancellationToken cancellationToken)
    {
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

        // Journaled rows and their segment's mark commit together: replay after a crash skips exactly what is here.
        var marks = JournalMarks(records)
            .Select(mark => $"INSERT INTO {JournalMarkTable} VALUES ({SqlIdentifier.Literal(mark.Key)}, {mark.Value.ToString(CultureInfo.InvariantCulture)}) ON CONFLICT (segment) DO UPDATE SET last_sequence = excluded.last_sequence")
            .ToList();
        var inputs = new PredictionInputsJson();
        await appender.AppendAsync(PredictionTable.Schema, PredictionTable.Name, rows =>
        {
            foreach (var record in records)
            {
                rows.BeginRow();
                rows.Add(record.PredictionId);
                rows.Add(record.ModelName);
                rows.Add((int?)record.ModelVersion);
                rows.Add(record.EntityId);
                rows.Add((double?)record.Probability);
                rows.Add((bool?)record.Label);
                rows.Add(record.Source);
                rows.Add((DateTime?)record.ScoredAt.UtcDateTime);
                rows.Add(inputs.For(record));
                rows.Add(checked((int?)record.DeploymentId));
                rows.Add(record.Arm);
                rows.EndRow();
            }
        }, marks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last sequence of a journal segment the warehouse holds (0 when none).</summary>
    internal async Task<long> JournalMarkAsync(string segment, CancellationToken cancellationToken)
    {
        await warehouse.ExecuteAsync(JournalMarkCreateSql, cancellationToken).ConfigureAwait(false);
        var value = await warehouse.ScalarAsync($"SELECT last_sequence FROM {JournalMarkTable} WHERE segment = {SqlIdentifier.Literal(segment)}", cancellationToken).ConfigureAwait(false);
        return value is long sequence ? sequence : 0;
    }

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
