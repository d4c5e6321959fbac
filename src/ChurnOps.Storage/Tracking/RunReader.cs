using System.Data.Common;
using System.Text.Json;
using ChurnOps.Core.Tracking;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Reads runs: first the run keys a query selects (in its order), then the run rows and each child table once for the
/// whole page, so a page of 1,000 runs costs five set lookups, not thousands of queries. On PostgreSQL the run rows and
/// child sets go as one batch after the keys (<see cref="PostgresRunPageReader"/>).
/// </summary>
internal static class RunReader
{
    public const string Columns = "r.run_pk, r.run_id, r.experiment_id, r.run_name, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, r.lifecycle_stage";

    /// <param name="pkSql">A query selecting run_pk only, in the wanted order; sorting narrow rows is cheaper than sorting whole runs.</param>
    public static async Task<List<Run>> ReadAsync(DbConnection connection, TrackingDialect dialect, string pkSql, IReadOnlyList<(string Name, object? Value)> parameters, int limit, CancellationToken cancellationToken)
    {
        if (dialect.IsPostgres)
        {
            return await PostgresRunPageReader.ReadAsync(connection, pkSql, parameters, limit, cancellationToken).ConfigureAwait(false);
        }

        var order = await ReadKeysAsync(connection, pkSql, parameters, limit, cancellationToken).ConfigureAwait(false);

        if (order.Count == 0)
        {
            return [];
        }

        var pks = dialect.List(order);
        var byPk = new Dictionary<long, RunInfo>(order.Count);
        await ForEachRowAsync(connection, $"SELECT {Columns} FROM tracking_runs r WHERE {dialect.InList("r.run_pk", "@pks")}", pks, reader =>
            byPk[reader.GetInt64(0)] = ReadInfo(reader, 1), cancellationToken).ConfigureAwait(false);
        var infos = order.Where(byPk.ContainsKey).Select(pk => (Pk: pk, Info: byPk[pk])).ToList();

        var index = new Dictionary<long, int>(infos.Count);
        for (var i = 0; i < infos.Count; i++)
        {
            index[infos[i].Pk] = i;
        }

        var metrics = NewLists<MetricPoint>(infos.Count);
        var parameterLists = NewLists<RunParam>(infos.Count);
        var tags = NewLists<TrackingTag>(infos.Count);
        var inputs = NewLists<DatasetInput>(infos.Count);

        await ForEachRowAsync(connection, $"SELECT run_pk, key, value, is_nan, timestamp, step FROM tracking_latest_metrics WHERE {dialect.InList("run_pk", "@pks")}", pks, reader =>
            metrics[index[reader.GetInt64(0)]].Add(new MetricPoint(reader.GetString(1), TrackingSql.Decode(reader.GetDouble(2), reader.GetInt64(3) != 0), reader.GetInt64(4), reader.GetInt64(5))), cancellationToken).ConfigureAwait(false);
        await ForEachRowAsync(connection, $"SELECT run_pk, key, value FROM tracking_params WHERE {dialect.InList("run_pk", "@pks")}", pks, reader =>
            parameterLists[index[reader.GetInt64(0)]].Add(new RunParam(reader.GetString(1), reader.GetString(2))), cancellationToken).ConfigureAwait(false);
        await ForEachRowAsync(connection, $"SELECT run_pk, key, value FROM tracking_tags WHERE {dialect.InList("run_pk", "@pks")}", pks, reader =>
            tags[index[reader.GetInt64(0)]].Add(new TrackingTag(reader.GetString(1), reader.GetString(2))), cancellationToken).ConfigureAwait(false);
        await ForEachRowAsync(connection, $"SELECT run_pk, name, digest, source_type, source, schema, profile, tags FROM tracking_inputs WHERE {dialect.InList("run_pk", "@pks")}", pks, reader =>
            inputs[index[reader.GetInt64(0)]].Add(new DatasetInput(
                new TrackedDataset(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)),
                JsonSerializer.Deserialize<List<TrackingTag>>(reader.GetString(7), TrackingJson.Options) ?? [])), cancellationToken).ConfigureAwait(false);

        var runs = new List<Run>(infos.Count);
        for (var i = 0; i < infos.Count; i++)
        {
            runs.Add(new Run(infos[i].Info, new RunData(metrics[i], parameterLists[i], tags[i]), inputs[i]));
        }

        return runs;
    }

    /// <summary>The page's run keys, in the query's order, at most <paramref name="limit"/>.</summary>
    public static async Task<List<long>> ReadKeysAsync(DbConnection connection, string pkSql, IReadOnlyList<(string Name, object? Value)> parameters, int limit, CancellationToken cancellationToken)
    {
        var order = new List<long>();
        await using (var command = TrackingSql.Command(connection, null, pkSql, [.. parameters]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (order.Count < limit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                order.Add(reader.GetInt64(0));
            }
        }

        return order;
    }

    public static RunInfo ReadInfo(DbDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 2),
        TrackingSql.FormatId(reader.GetInt64(first + 1)),
        reader.GetString(first + 3),
        reader.GetString(first + 4),
        reader.GetInt64(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetInt64(first + 6),
        reader.GetString(first + 7),
        reader.GetString(first + 8));

    private static List<T>[] NewLists<T>(int count)
    {
        var lists = new List<T>[count];
        for (var i = 0; i < count; i++)
        {
            lists[i] = [];
        }

        return lists;
    }

    private static async Task ForEachRowAsync(DbConnection connection, string sql, object pks, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = TrackingSql.Command(connection, null, sql, ("@pks", pks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }
}
