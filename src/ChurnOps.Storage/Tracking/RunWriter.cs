using System.Text.Json;
using ChurnOps.Core.Tracking;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// The write half of a batch. Each statement is prepared once and re-executed with new values, inside the caller's
/// transaction, which is what makes a 500-metric batch a few milliseconds instead of 500 fsyncs.
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

        await using var insert = TrackingSql.Command(connection, transaction, "INSERT INTO tracking_params (run_pk, key, value) VALUES ($pk, $key, $value) ON CONFLICT(run_pk, key) DO NOTHING", ("$pk", pk), ("$key", string.Empty), ("$value", string.Empty));
        insert.Prepare();
        foreach (var param in parameters)
        {
            insert.Parameters["$key"].Value = param.Key;
            insert.Parameters["$value"].Value = param.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public static async Task InsertMetricsAsync(SqliteConnection connection, SqliteTransaction transaction, long pk, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        // Latest value per key is decided here, so the latest table gets one upsert per key rather than one per point.
        var latest = new Dictionary<string, (double Stored, bool IsNaN, long Timestamp, long Step)>(StringComparer.Ordinal);
        await using (var insert = TrackingSql.Command(
            connection,
            transaction,
            "INSERT INTO tracking_metrics (run_pk, key, step, timestamp, value, is_nan) VALUES ($pk, $key, $step, $ts, $value, $nan) ON CONFLICT DO NOTHING",
            ("$pk", pk),
            ("$key", string.Empty),
            ("$step", 0L),
            ("$ts", 0L),
            ("$value", 0d),
            ("$nan", 0L)))
        {
            insert.Prepare();
            foreach (var metric in metrics)
            {
                var (stored, isNaN) = TrackingSql.Encode(metric.Value);
                insert.Parameters["$key"].Value = metric.Key;
                insert.Parameters["$step"].Value = metric.Step;
                insert.Parameters["$ts"].Value = metric.Timestamp;
                insert.Parameters["$value"].Value = stored;
                insert.Parameters["$nan"].Value = isNaN ? 1L : 0L;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (!latest.TryGetValue(metric.Key, out var current) || (metric.Step, metric.Timestamp, stored).CompareTo((current.Step, current.Timestamp, current.Stored)) > 0)
                {
                    latest[metric.Key] = (stored, isNaN, metric.Timestamp, metric.Step);
                }
            }
        }

        await using var upsert = TrackingSql.Command(
            connection,
            transaction,
            """
            INSERT INTO tracking_latest_metrics (run_pk, key, value, timestamp, step, is_nan) VALUES ($pk, $key, $value, $ts, $step, $nan)
            ON CONFLICT(run_pk, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, step = excluded.step, is_nan = excluded.is_nan
            WHERE (excluded.step, excluded.timestamp, excluded.value) > (tracking_latest_metrics.step, tracking_latest_metrics.timestamp, tracking_latest_metrics.value)
            """,
            ("$pk", pk),
            ("$key", string.Empty),
            ("$value", 0d),
            ("$ts", 0L),
            ("$step", 0L),
            ("$nan", 0L));
        upsert.Prepare();
        foreach (var (key, point) in latest)
        {
            upsert.Parameters["$key"].Value = key;
            upsert.Parameters["$value"].Value = point.Stored;
            upsert.Parameters["$ts"].Value = point.Timestamp;
            upsert.Parameters["$step"].Value = point.Step;
            upsert.Parameters["$nan"].Value = point.IsNaN ? 1L : 0L;
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task UpsertTagsAsync(SqliteConnection connection, SqliteTransaction transaction, long pk, IReadOnlyList<TrackingTag> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return;
        }

        await using var upsert = TrackingSql.Command(
            connection,
            transaction,
            "INSERT INTO tracking_tags (run_pk, key, value) VALUES ($pk, $key, $value) ON CONFLICT(run_pk, key) DO UPDATE SET value = excluded.value",
            ("$pk", pk),
            ("$key", string.Empty),
            ("$value", string.Empty));
        upsert.Prepare();
        foreach (var tag in tags)
        {
            upsert.Parameters["$key"].Value = tag.Key;
            upsert.Parameters["$value"].Value = tag.Value;
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
