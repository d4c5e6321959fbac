using System.Data.Common;
using ChurnOps.Core.Tracking;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// The write half of a batch, inside the caller's transaction, with multi-row statements: text rows as one JSON parameter
/// (<see cref="TrackingDialect.PairsSelect"/>), metric points with bound binary doubles (<see cref="MetricRows"/>).
/// </summary>
internal static class RunWriter
{
    public static async Task<TrackingError?> InsertParamsAsync(DbConnection connection, DbTransaction transaction, TrackingDialect dialect, long pk, string runId, IReadOnlyList<RunParam> parameters, CancellationToken cancellationToken)
    {
        if (parameters.Count == 0)
        {
            return null;
        }

        var keys = dialect.List(parameters.Select(p => p.Key).Distinct(StringComparer.Ordinal));
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var select = TrackingSql.Command(connection, transaction, $"SELECT key, value FROM tracking_params WHERE run_pk = @pk AND {dialect.InList("key", "@keys")}", ("@pk", pk), ("@keys", keys)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                existing[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var conflicts = parameters
            .Where(p => existing.TryGetValue(p.Key, out var old) && old != p.Value)
            .Select(p => $"key='{p.Key}' old_value='{existing[p.Key]}' new_value='{p.Value}'")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (conflicts.Count > 0)
        {
            return TrackingError.Invalid($"Changing param values is not allowed. Params were already logged with different values for run ID='{runId}': [{string.Join("; ", conflicts)}].");
        }

        await InsertPairsAsync(connection, transaction, dialect, "tracking_params", "ON CONFLICT(run_pk, key) DO NOTHING", pk, parameters.Select(p => (p.Key, p.Value)).ToList(), cancellationToken).ConfigureAwait(false);
        return null;
    }

    public static async Task InsertMetricsAsync(DbConnection connection, DbTransaction transaction, TrackingDialect dialect, long pk, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        // Latest value per key is decided here, so the latest table gets one row per key rather than one per point.
        var latest = new Dictionary<string, (double Stored, bool IsNaN, long Timestamp, long Step)>(StringComparer.Ordinal);
        var rows = new MetricRows();
        foreach (var metric in metrics)
        {
            var (stored, isNaN) = TrackingSql.Encode(metric.Value);
            rows.Row(metric.Key, metric.Step, metric.Timestamp, stored, isNaN);
            if (!latest.TryGetValue(metric.Key, out var current) || (metric.Step, metric.Timestamp, stored).CompareTo((current.Step, current.Timestamp, current.Stored)) > 0)
            {
                latest[metric.Key] = (stored, isNaN, metric.Timestamp, metric.Step);
            }
        }

        await rows.ExecuteAsync(connection, transaction, dialect, "tracking_metrics", "ON CONFLICT DO NOTHING", pk, cancellationToken).ConfigureAwait(false);

        var latestRows = new MetricRows();
        foreach (var (key, point) in latest)
        {
            latestRows.Row(key, point.Step, point.Timestamp, point.Stored, point.IsNaN);
        }

        await latestRows.ExecuteAsync(
            connection,
            transaction,
            dialect,
            "tracking_latest_metrics",
            """
            ON CONFLICT(run_pk, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, step = excluded.step, is_nan = excluded.is_nan
            WHERE (excluded.step, excluded.timestamp, excluded.value) > (tracking_latest_metrics.step, tracking_latest_metrics.timestamp, tracking_latest_metrics.value)
            """,
            pk,
            cancellationToken).ConfigureAwait(false);
    }

    public static async Task UpsertTagsAsync(DbConnection connection, DbTransaction transaction, TrackingDialect dialect, long pk, IReadOnlyList<TrackingTag> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return;
        }

        // A batch may set the same tag twice; the last value wins, as in MLflow, and one row per key keeps the statement valid.
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            last[tag.Key] = tag.Value;
        }

        await InsertPairsAsync(connection, transaction, dialect, "tracking_tags", "ON CONFLICT(run_pk, key) DO UPDATE SET value = excluded.value", pk, last.Select(t => (t.Key, t.Value)).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All (key, value) rows of one run in one statement, whatever their number.</summary>
    private static async Task InsertPairsAsync(DbConnection connection, DbTransaction transaction, TrackingDialect dialect, string table, string conflictClause, long pk, IReadOnlyList<(string Key, string Value)> pairs, CancellationToken cancellationToken)
    {
        await using var command = TrackingSql.Command(connection, transaction, $"INSERT INTO {table} (run_pk, key, value) {dialect.PairsSelect} {conflictClause}");
        dialect.BindPairs(command, pk, pairs);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
