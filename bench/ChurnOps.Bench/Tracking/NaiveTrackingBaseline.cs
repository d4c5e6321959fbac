using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Bench.Tracking;

/// <summary>
/// The straightforward implementations the store is measured against, on the same tables and data:
/// one autocommitted INSERT per metric, and a search that loads each run's params/metrics/tags with its own queries (N+1).
/// </summary>
internal static class NaiveTrackingBaseline
{
    public static async Task LogMetricsOneByOneAsync(SqliteMetadataDatabase database, long runPk, IReadOnlyList<(string Key, double Value, long Timestamp, long Step)> metrics, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var (key, value, timestamp, step) in metrics)
        {
            await using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT OR IGNORE INTO tracking_metrics (run_pk, key, step, timestamp, value, is_nan) VALUES ($pk, $key, $step, $ts, $value, 0)";
                insert.Parameters.AddWithValue("$pk", runPk);
                insert.Parameters.AddWithValue("$key", key);
                insert.Parameters.AddWithValue("$step", step);
                insert.Parameters.AddWithValue("$ts", timestamp);
                insert.Parameters.AddWithValue("$value", value);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var latest = connection.CreateCommand();
            latest.CommandText = "INSERT OR REPLACE INTO tracking_latest_metrics (run_pk, key, value, timestamp, step, is_nan) VALUES ($pk, $key, $value, $ts, $step, 0)";
            latest.Parameters.AddWithValue("$pk", runPk);
            latest.Parameters.AddWithValue("$key", key);
            latest.Parameters.AddWithValue("$step", step);
            latest.Parameters.AddWithValue("$ts", timestamp);
            latest.Parameters.AddWithValue("$value", value);
            await latest.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Same filter and order as the store's search, then one query per run per child table.</summary>
    public static async Task<int> SearchNPlusOneAsync(SqliteMetadataDatabase database, long experimentId, int maxResults, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        var pks = new List<long>(maxResults);
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT r.run_pk FROM tracking_runs r
                JOIN tracking_latest_metrics m ON m.run_pk = r.run_pk AND m.key = 'auc'
                JOIN tracking_params p ON p.run_pk = r.run_pk AND p.key = 'trainer'
                WHERE r.experiment_id = $exp AND r.lifecycle_stage = 'active' AND m.value > 0.9 AND p.value = 'LightGbm'
                ORDER BY m.value DESC, r.start_time DESC LIMIT $max
                """;
            select.Parameters.AddWithValue("$exp", experimentId);
            select.Parameters.AddWithValue("$max", maxResults);
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                pks.Add(reader.GetInt64(0));
            }
        }

        var rows = 0;
        foreach (var pk in pks)
        {
            foreach (var sql in new[]
            {
                "SELECT run_id, run_name, status, start_time, end_time, artifact_uri FROM tracking_runs WHERE run_pk = $pk",
                "SELECT key, value FROM tracking_params WHERE run_pk = $pk",
                "SELECT key, value, timestamp, step FROM tracking_latest_metrics WHERE run_pk = $pk",
                "SELECT key, value FROM tracking_tags WHERE run_pk = $pk",
            })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$pk", pk);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows++;
                }
            }
        }

        return pks.Count;
    }
}
