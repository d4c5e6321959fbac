using System.Data.Common;
using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tracking;

/// <summary>MLflow 3 logged models in the metadata database, beside the experiments that own them.</summary>
public sealed class SqlLoggedModelStore(MetadataDatabase database, TimeProvider time) : ILoggedModelStore
{
    private readonly TrackingDialect _dialect = TrackingDialect.Of(database);

    private const string Columns = "m.model_pk, m.model_id, m.experiment_id, m.name, m.creation_time, m.last_update_time, m.artifact_uri, m.status, m.model_type, m.source_run_id, m.status_message";

    public async Task<TrackingResult<LoggedModel>> CreateAsync(NewLoggedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new List<string>();
        foreach (var param in model.Params ?? [])
        {
            TrackingValidation.Key(param.Key, "param", errors);
            TrackingValidation.Value(param.Value, "param", param.Key, TrackingLimits.MaxParamValueLength, errors);
        }

        foreach (var tag in model.Tags ?? [])
        {
            TrackingValidation.Key(tag.Key, "tag", errors);
            TrackingValidation.Value(tag.Value, "tag", tag.Key, TrackingLimits.MaxTagValueLength, errors);
        }

        if (TrackingError.FromAll(errors) is { } invalid)
        {
            return invalid;
        }

        var modelId = "m-" + Guid.NewGuid().ToString("N");
        var now = TrackingSql.NowMillis(time);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (experimentId, stage, error) = await SqlExperimentStore.FindAsync(connection, transaction, _dialect.ForShare, model.ExperimentId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (stage != LifecycleStage.Active)
        {
            return TrackingError.Invalid($"The experiment {model.ExperimentId} must be in the 'active' state. Current state is {stage}.");
        }

        var location = (string)(await TrackingSql.ScalarAsync(connection, transaction, "SELECT artifact_location FROM tracking_experiments WHERE experiment_id = @id", cancellationToken, ("@id", experimentId)).ConfigureAwait(false))!;
        var pk = (long)(await TrackingSql.ScalarAsync(
            connection,
            transaction,
            """
            INSERT INTO tracking_logged_models (model_id, experiment_id, name, creation_time, last_update_time, artifact_uri, status, model_type, source_run_id)
            VALUES (@id, @experiment, @name, @now, @now, @uri, @status, @type, @run) RETURNING model_pk
            """,
            cancellationToken,
            ("@id", modelId),
            ("@experiment", experimentId),
            ("@name", string.IsNullOrEmpty(model.Name) ? "model-" + modelId[2..10] : model.Name),
            ("@now", now),
            ("@uri", location.TrimEnd('/') + "/models/" + modelId + "/artifacts"),
            ("@status", LoggedModelStatus.Pending),
            ("@type", model.ModelType),
            ("@run", model.SourceRunId)).ConfigureAwait(false))!;
        foreach (var (table, pairs) in new[] { ("tracking_logged_model_params", (model.Params ?? []).Select(p => (p.Key, p.Value))), ("tracking_logged_model_tags", (model.Tags ?? []).Select(t => (t.Key, t.Value))) })
        {
            foreach (var (key, value) in pairs)
            {
                await TrackingSql.ExecuteAsync(connection, transaction, $"INSERT INTO {table} (model_pk, key, value) VALUES (@pk, @key, @value) ON CONFLICT(model_pk, key) DO UPDATE SET value = excluded.value", cancellationToken, ("@pk", pk), ("@key", key), ("@value", value)).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(modelId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TrackingResult<LoggedModel>> GetAsync(string modelId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var models = await ReadAsync(connection, "m.model_id = @id", [("@id", modelId)], cancellationToken).ConfigureAwait(false);
        return models.Count == 0 ? NotFound(modelId) : TrackingResult<LoggedModel>.Ok(models[0]);
    }

    public async Task<TrackingResult<LoggedModel>> FinalizeAsync(string modelId, string status, CancellationToken cancellationToken)
    {
        if (!LoggedModelStatus.IsFinal(status))
        {
            return TrackingError.Invalid($"Invalid status '{status}' for a finalized logged model. Valid values are {LoggedModelStatus.Ready} and {LoggedModelStatus.UploadFailed}.");
        }

        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var updated = await TrackingSql.ExecuteAsync(connection, null, "UPDATE tracking_logged_models SET status = @status, last_update_time = @now WHERE model_id = @id", cancellationToken, ("@status", status), ("@now", TrackingSql.NowMillis(time)), ("@id", modelId)).ConfigureAwait(false);
            if (updated == 0)
            {
                return NotFound(modelId);
            }
        }

        return await GetAsync(modelId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TrackingResult<LoggedModelPage>> SearchAsync(IReadOnlyList<string> experimentIds, int maxResults, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experimentIds);
        if (maxResults < 1 || maxResults > TrackingLimits.MaxSearchResults)
        {
            return TrackingError.Invalid($"Invalid value {maxResults} for parameter 'max_results' supplied. It must be at most {TrackingLimits.MaxSearchResults} and positive.");
        }

        var ids = new List<long>();
        foreach (var id in experimentIds)
        {
            if (!TrackingSql.TryParseExperimentId(id, out var parsed))
            {
                return TrackingError.Invalid($"Invalid experiment id '{id}'.");
            }

            ids.Add(parsed);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var models = await ReadAsync(
            connection,
            $"{_dialect.InList("m.experiment_id", "@ids")} ORDER BY m.creation_time DESC, m.model_id LIMIT @limit OFFSET @offset",
            [("@ids", _dialect.List(ids)), ("@limit", maxResults + 1), ("@offset", offset)],
            cancellationToken).ConfigureAwait(false);
        var more = models.Count > maxResults;
        if (more)
        {
            models.RemoveAt(models.Count - 1);
        }

        return TrackingResult<LoggedModelPage>.Ok(new LoggedModelPage(models, more ? PageToken.Encode(offset + maxResults) : null));
    }

    private static TrackingError NotFound(string modelId) => TrackingError.NotFound($"Logged model with ID '{modelId}' not found.");

    /// <summary>Models matching <paramref name="where"/> (which may carry its own ORDER BY/LIMIT), with tags and params.</summary>
    private static async Task<List<LoggedModel>> ReadAsync(DbConnection connection, string where, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        var rows = new List<(long Pk, LoggedModel Model)>();
        await using (var command = TrackingSql.Command(connection, null, $"SELECT {Columns} FROM tracking_logged_models m WHERE {where}", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), new LoggedModel(
                    reader.GetString(1),
                    TrackingSql.FormatId(reader.GetInt64(2)),
                    reader.GetString(3),
                    reader.GetInt64(4),
                    reader.GetInt64(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    [],
                    [])));
            }
        }

        var result = new List<LoggedModel>(rows.Count);
        foreach (var (pk, model) in rows)
        {
            var tags = await PairsAsync(connection, "tracking_logged_model_tags", pk, cancellationToken).ConfigureAwait(false);
            var parameterList = await PairsAsync(connection, "tracking_logged_model_params", pk, cancellationToken).ConfigureAwait(false);
            result.Add(model with { Tags = tags.Select(t => new TrackingTag(t.Key, t.Value)).ToList(), Params = parameterList.Select(p => new RunParam(p.Key, p.Value)).ToList() });
        }

        return result;
    }

    private static async Task<List<(string Key, string Value)>> PairsAsync(DbConnection connection, string table, long pk, CancellationToken cancellationToken)
    {
        var pairs = new List<(string, string)>();
        await using var command = TrackingSql.Command(connection, null, $"SELECT key, value FROM {table} WHERE model_pk = @pk ORDER BY key", ("@pk", pk));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pairs.Add((reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }
}
