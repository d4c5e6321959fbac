using System.Data.Common;
using System.Text.Json;
using ChurnOps.Core.Tracking;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// <see cref="RunReader"/> on PostgreSQL: the page's keys in one statement, then the run rows and the four child sets
/// in one batch (five statements, one round trip, each read with "= ANY(the page's keys)" from its primary key).
/// Against a server every statement is a round trip and a wake-up of the server process; on a busy machine those, not
/// the reading, were most of a page's time. Folding the key query into the same statement as a CTE was measured too:
/// slower, because the planner cannot see the page's size and the key query's plan changes inside it.
/// </summary>
internal static class PostgresRunPageReader
{
    public static async Task<List<Run>> ReadAsync(DbConnection connection, string pkSql, IReadOnlyList<(string Name, object? Value)> parameters, int limit, CancellationToken cancellationToken)
    {
        var order = await RunReader.ReadKeysAsync(connection, pkSql, parameters, limit, cancellationToken).ConfigureAwait(false);

        if (order.Count == 0)
        {
            return [];
        }

        var pks = order.ToArray();
        await using var batch = connection.CreateBatch();
        foreach (var sql in new[]
        {
            $"SELECT {RunReader.Columns} FROM tracking_runs r WHERE r.run_pk = ANY(@pks)",
            "SELECT run_pk, key, value, is_nan, timestamp, step FROM tracking_latest_metrics WHERE run_pk = ANY(@pks)",
            "SELECT run_pk, key, value FROM tracking_params WHERE run_pk = ANY(@pks)",
            "SELECT run_pk, key, value FROM tracking_tags WHERE run_pk = ANY(@pks)",
            "SELECT run_pk, name, digest, source_type, source, schema, profile, tags FROM tracking_inputs WHERE run_pk = ANY(@pks)",
        })
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@pks";
            parameter.Value = pks;
            command.Parameters.Add(parameter);
            batch.BatchCommands.Add(command);
        }

        var runs = new Dictionary<long, (RunInfo Info, List<MetricPoint> Metrics, List<RunParam> Params, List<TrackingTag> Tags, List<DatasetInput> Inputs)>(order.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs[reader.GetInt64(0)] = (RunReader.ReadInfo(reader, 1), [], [], [], []);
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Of(runs, reader)?.Metrics.Add(new MetricPoint(reader.GetString(1), TrackingSql.Decode(reader.GetDouble(2), reader.GetInt64(3) != 0), reader.GetInt64(4), reader.GetInt64(5)));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Of(runs, reader)?.Params.Add(new RunParam(reader.GetString(1), reader.GetString(2)));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Of(runs, reader)?.Tags.Add(new TrackingTag(reader.GetString(1), reader.GetString(2)));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Of(runs, reader)?.Inputs.Add(new DatasetInput(
                    new TrackedDataset(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)),
                    JsonSerializer.Deserialize<List<TrackingTag>>(reader.GetString(7), TrackingJson.Options) ?? []));
            }
        }

        // A key whose run was deleted between the two round trips is left out, as the SQLite reader does.
        var page = new List<Run>(order.Count);
        foreach (var pk in order)
        {
            if (runs.TryGetValue(pk, out var run))
            {
                page.Add(new Run(run.Info, new RunData(run.Metrics, run.Params, run.Tags), run.Inputs));
            }
        }

        return page;
    }

    /// <summary>The run a child row belongs to; null for a run removed between the two round trips.</summary>
    private static (RunInfo Info, List<MetricPoint> Metrics, List<RunParam> Params, List<TrackingTag> Tags, List<DatasetInput> Inputs)? Of(
        Dictionary<long, (RunInfo Info, List<MetricPoint> Metrics, List<RunParam> Params, List<TrackingTag> Tags, List<DatasetInput> Inputs)> runs, DbDataReader reader) =>
        runs.TryGetValue(reader.GetInt64(0), out var run) ? run : null;
}
