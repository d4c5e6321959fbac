using System.Text.Json;
using ChurnOps.Core.Tracking;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// The write half of a batch, inside the caller's transaction, with multi-row statements (see <see cref="MultiRowInsert"/>).
/// </summary>
internal static class RunWriter
{
    public static async Task<TrackingError?> InsertParamsAsync(SqliteConnection connection, SqliteTransaction transaction, long pk, string runId, IReadOnlyList<RunParam> parameters, CancellationToken cancellationToken)
    {
        if (parameters.Count == 0)
        {
            return null;
        }

        var keys = JsonSerializer.Serialize(parameters.Select(p => p.Key).Distinct(StringComparer.Ordinal).ToArray());
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var select = TrackingSql.Command(connection, transaction, "SELECT key, value FROM tracking_params WHERE run_pk = $pk AND key IN (SELECT value FROM json_each($keys))", ("$pk", pk), ("$keys", keys)))
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

        await MultiRowInsert.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO tracking_params (run_pk, key, value) VALUES",
            "ON CONFLICT(run_pk, key) DO NOTHING",
            pk,
            parameters.Select(p => new object[] { p.Key, p.Value }).ToList(),
            cancellationToken).ConfigureAwait(false);
        return null;
    }

    public static async Task InsertMetricsAsync(SqliteConnection connection, SqliteTransaction transaction, long pk, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        // Latest value per key is decided here, so the latest table gets one row per key rather than one per point.
        var latest = new Dictionary<string, (double Stored, bool IsNaN, long Timestamp, long Step)>(StringComparer.Ordinal);
        var rows = new List<object[]>(metrics.Count);
        foreach (var metric in metrics)
        {
            var (stored, isNaN) = TrackingSql.Encode(metric.Value);
            rows.Add([metric.Key, metric.Step, metric.Timestamp, stored, isNaN ? 1L : 0L]);
            if (!latest.TryGetValue(metric.Key, out var current) || (metric.Step, metric.Timestamp, stored).CompareTo((current.Step, current.Timestamp, current.Stored)) > 0)
            {
                latest[metric.Key] = (stored, isNaN, metric.Timestamp, metric.Step);
            }
        }

        await MultiRowInsert.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO tracking_metrics (run_pk, key, step, timestamp, value, is_nan) VALUES",
            "ON CONFLICT DO NOTHING",
            pk,
            rows,
            cancellationToken).ConfigureAwait(false);
        await MultiRowInsert.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO tracking_latest_metrics (run_pk, key, value, timestamp, step, is_nan) VALUES",
            """
            ON CONFLICT(run_pk, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, step = excluded.step, is_nan = excluded.is_nan
            WHERE (excluded.step, excluded.timestamp, excluded.value) > (tracking_latest_metrics.step, tracking_latest_metrics.timestamp, tracking_latest_metrics.value)
            """,
            pk,
            latest.Select(l => new object[] { l.Key, l.Value.Stored, l.Value.Timestamp, l.Value.Step, l.Value.IsNaN ? 1L : 0L }).ToList(),
            cancellationToken).ConfigureAwait(false);
    }

    public static async Task UpsertTagsAsync(SqliteConnection connection, SqliteTransaction transaction, long pk, IReadOnlyList<TrackingTag> tags, CancellationToken cancellationToken)
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

        await MultiRowInsert.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO tracking_tags (run_pk, key, value) VALUES",
            "ON CONFLICT(run_pk, key) DO UPDATE SET value = excluded.value",
            pk,
            last.Select(t => new object[] { t.Key, t.Value }).ToList(),
            cancellationToken).ConfigureAwait(false);
    }
}
