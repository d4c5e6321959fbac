using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// runs/search as one SQL statement: experiment and lifecycle narrow through ix_tracking_runs_search, each clause is an
/// indexed IN-subquery on the child table, and the default order (newest first) is read from the same index. A search
/// ordered by a metric it also filters on walks that metric's index instead (see SearchSqlCompiler.CompileDriven).
/// Ties end as in MLflow's SQL store: newest start_time first, then run_id ascending.
/// </summary>
internal static class RunSearch
{
    /// <param name="allowDrivenPlan">False forces the general plan; tests compare both plans' answers.</param>
    public static async Task<TrackingResult<RunPage>> SearchAsync(MetadataDatabase database, TrackingDialect dialect, RunQuery query, CancellationToken cancellationToken, bool allowDrivenPlan = true)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MaxResults < 1 || query.MaxResults > TrackingLimits.MaxSearchResults)
        {
            return TrackingError.Invalid($"Invalid value {query.MaxResults} for parameter 'max_results' supplied. It must be at most {TrackingLimits.MaxSearchResults} and positive.");
        }

        if (query.ExperimentIds.Count == 0)
        {
            return TrackingResult<RunPage>.Ok(new RunPage([], null));
        }

        var experimentIds = new List<long>(query.ExperimentIds.Count);
        foreach (var id in query.ExperimentIds)
        {
            if (!TrackingSql.TryParseExperimentId(id, out var parsed))
            {
                return TrackingError.Invalid($"Invalid experiment id '{id}'.");
            }

            experimentIds.Add(parsed);
        }

        var compiler = new SearchSqlCompiler(SearchTarget.Runs, dialect);
        var experiments = string.Join(", ", experimentIds.Distinct().Select(id => compiler.Bind(id)));
        var stage = query.ViewType switch
        {
            ViewType.ActiveOnly => "r.lifecycle_stage = 'active'",
            ViewType.DeletedOnly => "r.lifecycle_stage = 'deleted'",
            _ => "r.lifecycle_stage IN ('active', 'deleted')",
        };
        var driven = query.OrderBy.Count == 0 || !allowDrivenPlan ? null : compiler.CompileDriven(query.Filter, query.OrderBy[0], "d");
        string sql;
        if (driven is not null)
        {
            // On SQLite CROSS JOIN keeps the metric index as the outer loop, so rows arrive already in the first order term's order.
            var rest = compiler.OrderBy(query.OrderBy.Skip(1).ToList());
            sql = $"""
                SELECT r.run_pk
                FROM tracking_latest_metrics d {dialect.OuterLoopJoin} tracking_runs r ON r.run_pk = d.run_pk{compiler.Joins}
                WHERE {driven} AND r.experiment_id IN ({experiments}) AND {stage}
                ORDER BY d.value {(query.OrderBy[0].Ascending ? "ASC" : "DESC")}, {(rest.Length == 0 ? string.Empty : rest + ", ")}r.start_time DESC, r.run_id ASC
                LIMIT {compiler.Bind(query.MaxResults + 1)} OFFSET {compiler.Bind(query.Offset)}
                """;
        }
        else
        {
            var (candidates, where) = compiler.Compile(query.Filter);
            var order = compiler.OrderBy(query.OrderBy);
            sql = $"""
                {(candidates is null ? string.Empty : $"WITH c(k) AS ({candidates}) ")}SELECT r.run_pk
                FROM {(candidates is null ? "tracking_runs r" : $"c {dialect.OuterLoopJoin} tracking_runs r ON r.run_pk = c.k")}{compiler.Joins}
                WHERE r.experiment_id IN ({experiments}) AND {stage} AND {where}
                ORDER BY {(order.Length == 0 ? string.Empty : order + ", ")}r.start_time DESC, r.run_id ASC
                LIMIT {compiler.Bind(query.MaxResults + 1)} OFFSET {compiler.Bind(query.Offset)}
                """;
        }

        await using var connection = await TrackingSql.OpenForReadsAsync(database, dialect, cancellationToken).ConfigureAwait(false);
        var runs = await RunReader.ReadAsync(connection, dialect, sql, compiler.Parameters, query.MaxResults + 1, cancellationToken).ConfigureAwait(false);
        var more = runs.Count > query.MaxResults;
        if (more)
        {
            runs.RemoveAt(runs.Count - 1);
        }

        return TrackingResult<RunPage>.Ok(new RunPage(runs, more ? PageToken.Encode(query.Offset + query.MaxResults) : null));
    }
}
