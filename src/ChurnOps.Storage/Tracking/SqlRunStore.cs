using System.Text.Json;
using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tracking;

/// <summary>Runs in the metadata database: create, read, update, soft delete, and everything a run logs.</summary>
public sealed class SqlRunStore(MetadataDatabase database, TimeProvider time) : IRunStore
{
    private readonly TrackingDialect _dialect = TrackingDialect.Of(database);

    public const string RunNameTag = "mlflow.runName";
    public const string UserTag = TrackingTag.User;

    public async Task<TrackingResult<Run>> CreateRunAsync(NewRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tags = run.Tags ?? [];
        var errors = new List<string>();
        foreach (var tag in tags)
        {
            TrackingValidation.Key(tag.Key, "tag", errors);
            TrackingValidation.Value(tag.Value, "tag", tag.Key, TrackingLimits.MaxTagValueLength, errors);
        }

        TrackingValidation.RunName(run.RunName, errors);
        var taggedName = tags.LastOrDefault(t => t.Key == RunNameTag)?.Value;
        if (!string.IsNullOrEmpty(run.RunName) && taggedName is not null && taggedName != run.RunName)
        {
            errors.Add($"Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='{run.RunName}', mlflow.runName='{taggedName}').");
        }

        if (TrackingError.FromAll(errors) is { } invalid)
        {
            return invalid;
        }

        var runId = Guid.NewGuid().ToString("N");
        var name = !string.IsNullOrEmpty(run.RunName) ? run.RunName : !string.IsNullOrEmpty(taggedName) ? taggedName : "run-" + runId[..8];
        var user = run.UserId ?? tags.LastOrDefault(t => t.Key == UserTag)?.Value ?? string.Empty;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (experimentId, stage, error) = await SqlExperimentStore.FindAsync(connection, transaction, _dialect.ForShare, run.ExperimentId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (stage != LifecycleStage.Active)
        {
            return TrackingError.Invalid($"The experiment {run.ExperimentId} must be in the 'active' state. Current state is {stage}.");
        }

        var location = (string)(await TrackingSql.ScalarAsync(connection, transaction, "SELECT artifact_location FROM tracking_experiments WHERE experiment_id = @id", cancellationToken, ("@id", experimentId)).ConfigureAwait(false))!;
        var pk = (long)(await TrackingSql.ScalarAsync(
            connection,
            transaction,
            """
            INSERT INTO tracking_runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage)
            VALUES (@id, @experiment, @name, @user, 'RUNNING', @start, NULL, @uri, 'active') RETURNING run_pk
            """,
            cancellationToken,
            ("@id", runId),
            ("@experiment", experimentId),
            ("@name", name),
            ("@user", user),
            ("@start", run.StartTime ?? TrackingSql.NowMillis(time)),
            ("@uri", location.TrimEnd('/') + "/" + runId + "/artifacts")).ConfigureAwait(false))!;
        var allTags = tags.Where(t => t.Key != RunNameTag).Append(new TrackingTag(RunNameTag, name)).ToList();
        await RunWriter.UpsertTagsAsync(connection, transaction, _dialect, pk, allTags, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TrackingResult<Run>> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runId))
        {
            return TrackingError.Invalid("Missing value for required parameter 'run_id'.");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runs = await RunReader.ReadAsync(connection, _dialect, "SELECT run_pk FROM tracking_runs WHERE run_id = @id", [("@id", runId)], 1, cancellationToken).ConfigureAwait(false);
        return runs.Count == 0 ? TrackingError.NotFound($"Run with id={runId} not found") : TrackingResult<Run>.Ok(runs[0]);
    }

    public async Task<TrackingResult<RunInfo>> UpdateRunAsync(string runId, RunUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Status is not null && !RunStatus.IsValid(update.Status))
        {
            return TrackingError.Invalid($"Invalid run status '{update.Status}'. Valid values are {string.Join(", ", RunStatus.All)}.");
        }

        var nameErrors = new List<string>();
        TrackingValidation.RunName(update.RunName, nameErrors);
        if (TrackingError.FromAll(nameErrors) is { } invalidName)
        {
            return invalidName;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false))
        {
            var (pk, error) = await TrackingSql.FindActiveRunAsync(connection, transaction, _dialect, runId, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            await TrackingSql.ExecuteAsync(
                connection,
                transaction,
                "UPDATE tracking_runs SET status = COALESCE(@status, status), end_time = COALESCE(@end, end_time), run_name = COALESCE(@name, run_name) WHERE run_pk = @pk",
                cancellationToken,
                ("@status", update.Status),
                ("@end", update.EndTime),
                ("@name", string.IsNullOrEmpty(update.RunName) ? null : update.RunName),
                ("@pk", pk)).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(update.RunName))
            {
                await RunWriter.UpsertTagsAsync(connection, transaction, _dialect, pk, [new TrackingTag(RunNameTag, update.RunName)], cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var run = await GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return run.Error ?? (TrackingResult<RunInfo>)TrackingResult<RunInfo>.Ok(run.Value!.Info);
    }

    public async Task<TrackingError?> SetRunLifecycleAsync(string runId, string lifecycleStage, CancellationToken cancellationToken)
    {
        if (lifecycleStage is not (LifecycleStage.Active or LifecycleStage.Deleted))
        {
            return TrackingError.Invalid($"Invalid lifecycle stage '{lifecycleStage}'.");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (pk, _, _, error) = await TrackingSql.FindRunAsync(connection, transaction, _dialect, runId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        await TrackingSql.ExecuteAsync(
            connection,
            transaction,
            "UPDATE tracking_runs SET lifecycle_stage = @stage, deleted_time = @deleted WHERE run_pk = @pk",
            cancellationToken,
            ("@stage", lifecycleStage),
            ("@deleted", lifecycleStage == LifecycleStage.Deleted ? TrackingSql.NowMillis(time) : null),
            ("@pk", pk)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<TrackingError?> LogBatchAsync(string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyList<RunParam> parameters, IReadOnlyList<TrackingTag> tags, CancellationToken cancellationToken)
    {
        metrics ??= [];
        parameters ??= [];
        tags ??= [];
        if (TrackingError.FromAll(TrackingValidation.Batch(metrics, parameters, tags)) is { } invalid)
        {
            return invalid;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (pk, error) = await TrackingSql.FindActiveRunAsync(connection, transaction, _dialect, runId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // Params first: a conflicting value aborts the whole batch before anything else is written.
        var conflict = await RunWriter.InsertParamsAsync(connection, transaction, _dialect, pk, runId, parameters, cancellationToken).ConfigureAwait(false);
        if (conflict is not null)
        {
            return conflict;
        }

        await RunWriter.InsertMetricsAsync(connection, transaction, _dialect, pk, metrics, cancellationToken).ConfigureAwait(false);
        await RunWriter.UpsertTagsAsync(connection, transaction, _dialect, pk, tags, cancellationToken).ConfigureAwait(false);
        var renamed = tags.LastOrDefault(t => t.Key == RunNameTag);
        if (renamed is not null)
        {
            await TrackingSql.ExecuteAsync(connection, transaction, "UPDATE tracking_runs SET run_name = @name WHERE run_pk = @pk", cancellationToken, ("@name", renamed.Value), ("@pk", pk)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<TrackingError?> DeleteTagAsync(string runId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (pk, error) = await TrackingSql.FindActiveRunAsync(connection, transaction, _dialect, runId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var deleted = await TrackingSql.ExecuteAsync(connection, transaction, "DELETE FROM tracking_tags WHERE run_pk = @pk AND key = @key", cancellationToken, ("@pk", pk), ("@key", key)).ConfigureAwait(false);
        if (deleted == 0)
        {
            return TrackingError.NotFound($"No tag with name: {key} in run with id {runId}");
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<TrackingError?> LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken)
    {
        inputs ??= [];
        if (TrackingError.FromAll(TrackingValidation.Inputs(inputs)) is { } invalid)
        {
            return invalid;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (pk, error) = await TrackingSql.FindActiveRunAsync(connection, transaction, _dialect, runId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        foreach (var input in inputs)
        {
            var d = input.Dataset;
            await TrackingSql.ExecuteAsync(
                connection,
                transaction,
                """
                INSERT INTO tracking_inputs (run_pk, name, digest, source_type, source, schema, profile, tags)
                VALUES (@pk, @name, @digest, @type, @source, @schema, @profile, @tags)
                ON CONFLICT(run_pk, name, digest) DO NOTHING
                """,
                cancellationToken,
                ("@pk", pk),
                ("@name", d.Name),
                ("@digest", d.Digest),
                ("@type", d.SourceType),
                ("@source", d.Source),
                ("@schema", d.Schema),
                ("@profile", d.Profile),
                ("@tags", JsonSerializer.Serialize(input.Tags ?? [], TrackingJson.Options))).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<TrackingResult<MetricHistoryPage>> GetMetricHistoryAsync(string runId, string metricKey, int maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(metricKey))
        {
            return TrackingError.Invalid("Missing value for required parameter 'metric_key'.");
        }

        if (!PageToken.TryDecode(pageToken, out var offset, out var tokenError))
        {
            return TrackingError.Invalid(tokenError!);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (pk, _, _, error) = await TrackingSql.FindRunAsync(connection, null, _dialect, runId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // No page size means every point from the offset on.
        var points = new List<MetricPoint>();
        await using (var command = TrackingSql.Command(
            connection,
            null,
            "SELECT value, is_nan, timestamp, step FROM tracking_metrics WHERE run_pk = @pk AND key = @key ORDER BY step, timestamp, value"
                + (maxResults <= 0 ? $" LIMIT {_dialect.Unlimited} OFFSET @offset" : " LIMIT @limit OFFSET @offset"),
            ("@pk", pk),
            ("@key", metricKey),
            ("@limit", maxResults + 1),
            ("@offset", offset)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                points.Add(new MetricPoint(metricKey, TrackingSql.Decode(reader.GetDouble(0), reader.GetInt64(1) != 0), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        var more = maxResults > 0 && points.Count > maxResults;
        if (more)
        {
            points.RemoveAt(points.Count - 1);
        }

        return TrackingResult<MetricHistoryPage>.Ok(new MetricHistoryPage(points, more ? PageToken.Encode(offset + maxResults) : null));
    }

    public Task<TrackingResult<IReadOnlyList<RunMetricPoint>>> GetMetricHistoryBulkAsync(IReadOnlyList<string> runIds, string metricKey, int maxResults, CancellationToken cancellationToken) =>
        MetricHistoryBulk.GetAsync(database, _dialect, runIds, metricKey, maxResults, cancellationToken);

    public Task<TrackingResult<IReadOnlyList<RunMetricPoint>>> GetMetricHistoryIntervalAsync(MetricIntervalQuery query, CancellationToken cancellationToken) =>
        MetricHistoryBulk.GetIntervalAsync(database, _dialect, query, cancellationToken);

    public Task<TrackingResult<RunPage>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken) =>
        RunSearch.SearchAsync(database, _dialect, query, cancellationToken);

    public async Task<TrackingResult<IReadOnlyList<DatasetSummary>>> SearchDatasetsAsync(IReadOnlyList<string> experimentIds, int maxResults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experimentIds);
        var ids = new List<long>(experimentIds.Count);
        foreach (var id in experimentIds)
        {
            if (!TrackingSql.TryParseExperimentId(id, out var parsed))
            {
                return TrackingError.Invalid($"Invalid experiment id '{id}'.");
            }

            ids.Add(parsed);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = TrackingSql.Command(
            connection,
            null,
            $"""
            SELECT DISTINCT r.experiment_id, i.name, i.digest,
                (SELECT {_dialect.JsonTagValue("t")} FROM {_dialect.JsonTags("i.tags", "t")} WHERE {_dialect.JsonTagKey("t")} = 'mlflow.data.context' LIMIT 1)
            FROM tracking_inputs i JOIN tracking_runs r ON r.run_pk = i.run_pk
            WHERE {_dialect.InList("r.experiment_id", "@ids")}
            LIMIT @max
            """,
            ("@ids", _dialect.List(ids)),
            ("@max", maxResults));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var summaries = new List<DatasetSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(new DatasetSummary(TrackingSql.FormatId(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return TrackingResult<IReadOnlyList<DatasetSummary>>.Ok(summaries);
    }
}
