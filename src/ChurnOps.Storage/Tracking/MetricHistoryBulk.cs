using System.Data.Common;
using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// The bulk metric history reads MLflow's UI charts use. Each is a few set queries over the metrics primary key
/// (run_pk, key, step, …), whatever the number of runs; run ids travel as one list parameter.
/// </summary>
internal static class MetricHistoryBulk
{
    public static async Task<TrackingResult<IReadOnlyList<RunMetricPoint>>> GetAsync(
        MetadataDatabase database, TrackingDialect dialect, IReadOnlyList<string> runIds, string metricKey, int maxResults, CancellationToken cancellationToken)
    {
        var errors = ValidateRuns(runIds, metricKey);
        if (maxResults < 1 || maxResults > TrackingLimits.MaxHistoryBulkResults)
        {
            errors.Add($"Invalid value {maxResults} for parameter 'max_results' supplied. It must be between 1 and {TrackingLimits.MaxHistoryBulkResults}.");
        }

        if (TrackingError.FromAll(errors) is { } invalid)
        {
            return invalid;
        }

        // The total cap is also the per-run cap MLflow applies, so one LIMIT serves both.
        var sql = $"""
            SELECT r.run_id, m.value, m.is_nan, m.timestamp, m.step
            FROM tracking_runs r JOIN tracking_metrics m ON m.run_pk = r.run_pk AND m.key = @key
            WHERE {dialect.InList("r.run_id", "@ids")}
            ORDER BY r.run_id, m.timestamp, m.step, m.value
            LIMIT @limit
            """;
        await using var connection = await TrackingSql.OpenForReadsAsync(database, dialect, cancellationToken).ConfigureAwait(false);
        var points = new List<RunMetricPoint>();
        await using var command = TrackingSql.Command(connection, null, sql, ("@key", metricKey), ("@ids", dialect.List(runIds)), ("@limit", maxResults));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(Point(reader, reader.GetString(0), metricKey));
        }

        return TrackingResult<IReadOnlyList<RunMetricPoint>>.Ok(points);
    }

    public static async Task<TrackingResult<IReadOnlyList<RunMetricPoint>>> GetIntervalAsync(MetadataDatabase database, TrackingDialect dialect, MetricIntervalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = ValidateRuns(query.RunIds, query.MetricKey);
        if (query.MaxResults < 1 || query.MaxResults > TrackingLimits.MaxHistoryIntervalResultsPerRun)
        {
            errors.Add($"max_results must be between 1 and {TrackingLimits.MaxHistoryIntervalResultsPerRun}.");
        }

        if (query.StartStep.HasValue != query.EndStep.HasValue)
        {
            errors.Add("If either start step or end step are specified, both must be specified.");
        }
        else if (query.StartStep > query.EndStep)
        {
            errors.Add($"end_step must be greater than start_step. Found start_step={query.StartStep} and end_step={query.EndStep}.");
        }

        if (TrackingError.FromAll(errors) is { } invalid)
        {
            return invalid;
        }

        await using var connection = await TrackingSql.OpenForReadsAsync(database, dialect, cancellationToken).ConfigureAwait(false);
        var runs = new Dictionary<long, string>();
        await ForEachAsync(connection, $"SELECT run_pk, run_id FROM tracking_runs WHERE {dialect.InList("run_id", "@ids")}", [("@ids", dialect.List(query.RunIds))], r => runs[r.GetInt64(0)] = r.GetString(1), cancellationToken).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return TrackingResult<IReadOnlyList<RunMetricPoint>>.Ok([]);
        }

        var pks = dialect.List(runs.Keys);
        var ends = new List<(long Min, long Max)>();
        var steps = new SortedSet<long>();
        await ForEachAsync(connection, $"SELECT MIN(step), MAX(step) FROM tracking_metrics WHERE key = @key AND {dialect.InList("run_pk", "@pks")} GROUP BY run_pk", [("@key", query.MetricKey), ("@pks", pks)], r => ends.Add((r.GetInt64(0), r.GetInt64(1))), cancellationToken).ConfigureAwait(false);
        await ForEachAsync(connection, $"SELECT DISTINCT step FROM tracking_metrics WHERE key = @key AND {dialect.InList("run_pk", "@pks")}", [("@key", query.MetricKey), ("@pks", pks)], r => steps.Add(r.GetInt64(0)), cancellationToken).ConfigureAwait(false);
        var sampled = MetricStepSampler.Sample(steps.ToList(), ends, query.MaxResults, query.StartStep, query.EndStep);
        if (sampled.Count == 0)
        {
            return TrackingResult<IReadOnlyList<RunMetricPoint>>.Ok([]);
        }

        // Per run at most 25,000 points (MLflow's history cap), by step then timestamp.
        var sql = $"""
            SELECT run_pk, value, is_nan, timestamp, step FROM (
                SELECT run_pk, value, is_nan, timestamp, step, ROW_NUMBER() OVER (PARTITION BY run_pk ORDER BY step, timestamp) AS n
                FROM tracking_metrics
                WHERE key = @key AND {dialect.InList("run_pk", "@pks")} AND {dialect.InList("step", "@steps")}) AS sampled
            WHERE n <= @cap
            ORDER BY run_pk, step, timestamp
            """;
        var byRun = runs.Keys.ToDictionary(pk => pk, _ => new List<RunMetricPoint>());
        await ForEachAsync(
            connection,
            sql,
            [("@key", query.MetricKey), ("@pks", pks), ("@steps", dialect.List(sampled)), ("@cap", TrackingLimits.MaxHistoryBulkResults)],
            r => byRun[r.GetInt64(0)].Add(Point(r, runs[r.GetInt64(0)], query.MetricKey)),
            cancellationToken).ConfigureAwait(false);

        // Runs come back in the order the request named them, as MLflow loops over run_ids.
        var pkById = runs.ToDictionary(r => r.Value, r => r.Key, StringComparer.Ordinal);
        var points = query.RunIds.Distinct(StringComparer.Ordinal).Where(pkById.ContainsKey).SelectMany(id => byRun[pkById[id]]).ToList();
        return TrackingResult<IReadOnlyList<RunMetricPoint>>.Ok(points);
    }

    private static List<string> ValidateRuns(IReadOnlyList<string>? runIds, string? metricKey)
    {
        var errors = new List<string>();
        if (runIds is null || runIds.Count == 0)
        {
            errors.Add("Missing value for required parameter 'run_ids': specify at least one run id.");
        }
        else if (runIds.Count > TrackingLimits.MaxRunsPerHistoryBulk)
        {
            errors.Add($"The request must specify at most {TrackingLimits.MaxRunsPerHistoryBulk} run_ids. Received {runIds.Count} run_ids.");
        }
        else if (runIds.Any(string.IsNullOrEmpty))
        {
            errors.Add("Invalid value for parameter 'run_ids': run ids must be non-empty strings.");
        }

        if (string.IsNullOrEmpty(metricKey))
        {
            errors.Add("Missing value for required parameter 'metric_key'.");
        }

        return errors;
    }

    /// <summary>Reads columns value, is_nan, timestamp, step starting at ordinal 1.</summary>
    private static RunMetricPoint Point(DbDataReader reader, string runId, string key) =>
        new(runId, key, TrackingSql.Decode(reader.GetDouble(1), reader.GetInt64(2) != 0), reader.GetInt64(3), reader.GetInt64(4));

    private static async Task ForEachAsync(DbConnection connection, string sql, (string Name, object? Value)[] parameters, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = TrackingSql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }
}
