using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Bench.Tracking;

/// <summary>
/// Fills one experiment with N runs shaped like a training sweep: 3 params, 3 metrics (one point each), 2 tags.
/// Rows go straight into the tracking tables in one transaction; the searches then run through the real store.
/// </summary>
internal static class TrackingSeeder
{
    public static readonly string[] Trainers = ["LightGbm", "FastTree", "FastForest", "LbfgsLogisticRegression"];

    public static async Task SeedAsync(SqliteMetadataDatabase database, long experimentId, int runs, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var run = Prepare(connection, transaction, "INSERT INTO tracking_runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage) VALUES ($id, $exp, $name, 'bench', 'FINISHED', $start, $end, $uri, 'active') RETURNING run_pk", "$id", "$exp", "$name", "$start", "$end", "$uri");
        var param = Prepare(connection, transaction, "INSERT INTO tracking_params (run_pk, key, value) VALUES ($pk, $key, $value)", "$pk", "$key", "$value");
        var tag = Prepare(connection, transaction, "INSERT INTO tracking_tags (run_pk, key, value) VALUES ($pk, $key, $value)", "$pk", "$key", "$value");
        var metric = Prepare(connection, transaction, "INSERT INTO tracking_metrics (run_pk, key, step, timestamp, value, is_nan) VALUES ($pk, $key, 0, $ts, $value, 0)", "$pk", "$key", "$ts", "$value");
        var latest = Prepare(connection, transaction, "INSERT INTO tracking_latest_metrics (run_pk, key, value, timestamp, step, is_nan) VALUES ($pk, $key, $value, $ts, 0, 0)", "$pk", "$key", "$value", "$ts");
        var bytes = new byte[16];
        for (var i = 0; i < runs; i++)
        {
            random.NextBytes(bytes);
            var runId = Convert.ToHexStringLower(bytes);
            var start = 1_700_000_000_000L + (i * 1000L);
            long pk = (long)(await Exec(run, ct, runId, experimentId, "run-" + i, start, start + 30_000, $"mlflow-artifacts:/{experimentId}/{runId}/artifacts").ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            await Exec(param, ct, pk, "trainer", Trainers[random.Next(Trainers.Length)]).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await Exec(param, ct, pk, "learning_rate", (0.01 * random.Next(1, 30)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await Exec(param, ct, pk, "seed", random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture)).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await Exec(tag, ct, pk, "mlflow.runName", "run-" + i).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await Exec(tag, ct, pk, "team", i % 2 == 0 ? "ds" : "mlops").ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            foreach (var (key, value) in new[] { ("auc", 0.5 + (random.NextDouble() / 2)), ("f1", random.NextDouble()), ("log_loss", random.NextDouble()) })
            {
                await Exec(metric, ct, pk, key, start, value).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await Exec(latest, ct, pk, key, value, start).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static SqliteCommand Exec(SqliteCommand command, CancellationToken ct, params object[] values)
    {
        ct.ThrowIfCancellationRequested();
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command;
    }
}
