using System.Data.Common;
using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tracking;

/// <summary>Experiments in the metadata database. Ids are integers shown as strings, "0" is the Default experiment, as in MLflow.</summary>
public sealed class SqlExperimentStore(MetadataDatabase database, TimeProvider time) : IExperimentStore
{
    private readonly TrackingDialect _dialect = TrackingDialect.Of(database);

    private const string Columns = "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time, e.last_update_time";

    public async Task<TrackingResult<string>> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<TrackingTag> tags, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        TrackingValidation.ExperimentName(name, errors);

        foreach (var tag in tags ?? [])
        {
            TrackingValidation.Key(tag.Key, "tag", errors);
            TrackingValidation.Value(tag.Value, "tag", tag.Key, TrackingLimits.MaxExperimentTagValueLength, errors);
        }

        if (TrackingError.FromAll(errors) is { } invalid)
        {
            return invalid;
        }

        var now = TrackingSql.NowMillis(time);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        // The id is only known after the insert, and the default artifact location contains it. A name taken (even by
        // a writer racing this one on another connection) inserts nothing and returns no id.
        var inserted = await TrackingSql.ScalarAsync(
            connection,
            transaction,
            """
            INSERT INTO tracking_experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (@name, '', 'active', @now, @now) ON CONFLICT(name) DO NOTHING RETURNING experiment_id
            """,
            cancellationToken,
            ("@name", name),
            ("@now", now)).ConfigureAwait(false);
        if (inserted is not long id)
        {
            return TrackingError.AlreadyExists($"Experiment(name={name}) already exists.");
        }

        var location = string.IsNullOrWhiteSpace(artifactLocation) ? "mlflow-artifacts:/" + TrackingSql.FormatId(id) : artifactLocation;
        await TrackingSql.ExecuteAsync(connection, transaction, "UPDATE tracking_experiments SET artifact_location = @location WHERE experiment_id = @id", cancellationToken, ("@location", location), ("@id", id)).ConfigureAwait(false);
        foreach (var tag in tags ?? [])
        {
            await UpsertTagAsync(connection, transaction, id, tag.Key, tag.Value, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return TrackingResult<string>.Ok(TrackingSql.FormatId(id));
    }

    public async Task<TrackingResult<Experiment>> GetExperimentAsync(string experimentId, CancellationToken cancellationToken)
    {
        if (!TrackingSql.TryParseExperimentId(experimentId, out var id))
        {
            return TrackingError.NotFound($"No Experiment with id={experimentId} exists");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var found = await QueryAsync(connection, $"SELECT {Columns} FROM tracking_experiments e WHERE e.experiment_id = @p0", [("@p0", id)], cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? TrackingError.NotFound($"No Experiment with id={experimentId} exists") : TrackingResult<Experiment>.Ok(found[0]);
    }

    public async Task<TrackingResult<Experiment>> GetExperimentByNameAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return TrackingError.Invalid("Missing value for required parameter 'experiment_name'.");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var found = await QueryAsync(connection, $"SELECT {Columns} FROM tracking_experiments e WHERE e.name = @p0", [("@p0", name)], cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? TrackingError.NotFound($"Could not find experiment with name '{name}'") : TrackingResult<Experiment>.Ok(found[0]);
    }

    public async Task<TrackingResult<ExperimentPage>> SearchExperimentsAsync(ExperimentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MaxResults < 1 || query.MaxResults > TrackingLimits.MaxSearchResults)
        {
            return TrackingError.Invalid($"Invalid value {query.MaxResults} for parameter 'max_results' supplied. It must be at most {TrackingLimits.MaxSearchResults} and positive.");
        }

        var compiler = new SearchSqlCompiler(SearchTarget.Experiments, _dialect);
        var (candidates, where) = compiler.Compile(query.Filter);
        var order = compiler.OrderBy(query.OrderBy);
        var stage = Stage(query.ViewType);
        var sql = $"""
            {(candidates is null ? string.Empty : $"WITH c(k) AS ({candidates}) ")}SELECT {Columns}
            FROM {(candidates is null ? "tracking_experiments e" : $"c {_dialect.OuterLoopJoin} tracking_experiments e ON e.experiment_id = c.k")}{compiler.Joins}
            WHERE {stage} AND {where}
            ORDER BY {(order.Length == 0 ? string.Empty : order + ", ")}e.creation_time DESC, e.experiment_id ASC
            LIMIT {compiler.Bind(query.MaxResults + 1)} OFFSET {compiler.Bind(query.Offset)}
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var found = await QueryAsync(connection, sql, compiler.Parameters, cancellationToken).ConfigureAwait(false);
        var more = found.Count > query.MaxResults;
        var page = more ? found.Take(query.MaxResults).ToList() : found;
        return TrackingResult<ExperimentPage>.Ok(new ExperimentPage(page, more ? PageToken.Encode(query.Offset + query.MaxResults) : null));
    }

    public async Task<TrackingError?> RenameExperimentAsync(string experimentId, string newName, CancellationToken cancellationToken)
    {
        var nameErrors = new List<string>();
        TrackingValidation.ExperimentName(newName, nameErrors);
        if (TrackingError.FromAll(nameErrors) is { } invalidName)
        {
            return invalidName;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (id, stage, error) = await FindAsync(connection, transaction, _dialect.ForUpdate, experimentId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (stage != LifecycleStage.Active)
        {
            return TrackingError.Invalid("Cannot rename a non-active experiment.");
        }

        var owner = await TrackingSql.ScalarAsync(connection, transaction, "SELECT experiment_id FROM tracking_experiments WHERE name = @name", cancellationToken, ("@name", newName)).ConfigureAwait(false);
        if (owner is long other && other != id)
        {
            return TrackingError.AlreadyExists($"Experiment(name={newName}) already exists.");
        }

        await TrackingSql.ExecuteAsync(connection, transaction, "UPDATE tracking_experiments SET name = @name, last_update_time = @now WHERE experiment_id = @id", cancellationToken, ("@name", newName), ("@now", TrackingSql.NowMillis(time)), ("@id", id)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<TrackingError?> SetExperimentLifecycleAsync(string experimentId, string lifecycleStage, CancellationToken cancellationToken)
    {
        if (lifecycleStage is not (LifecycleStage.Active or LifecycleStage.Deleted))
        {
            return TrackingError.Invalid($"Invalid lifecycle stage '{lifecycleStage}'.");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (id, _, error) = await FindAsync(connection, transaction, _dialect.ForUpdate, experimentId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (id == 0 && lifecycleStage == LifecycleStage.Deleted)
        {
            return TrackingError.Invalid("Cannot delete the default experiment '0'. This is an internally reserved experiment.");
        }

        var now = TrackingSql.NowMillis(time);
        await TrackingSql.ExecuteAsync(connection, transaction, "UPDATE tracking_experiments SET lifecycle_stage = @stage, last_update_time = @now WHERE experiment_id = @id", cancellationToken, ("@stage", lifecycleStage), ("@now", now), ("@id", id)).ConfigureAwait(false);
        // Runs follow their experiment both ways, as MLflow's SQL store does.
        await TrackingSql.ExecuteAsync(
            connection,
            transaction,
            "UPDATE tracking_runs SET lifecycle_stage = @stage, deleted_time = @deleted WHERE experiment_id = @id",
            cancellationToken,
            ("@stage", lifecycleStage),
            ("@deleted", lifecycleStage == LifecycleStage.Deleted ? now : null),
            ("@id", id)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<TrackingError?> SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        TrackingValidation.Key(key, "tag", errors);
        TrackingValidation.Value(value, "tag", key, TrackingLimits.MaxExperimentTagValueLength, errors);
        if (TrackingError.FromAll(errors) is { } invalid)
        {
            return invalid;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (id, error) = await FindActiveAsync(connection, transaction, experimentId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        await UpsertTagAsync(connection, transaction, id, key, value, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<TrackingError?> DeleteExperimentTagAsync(string experimentId, string key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return TrackingError.Invalid("Missing value for required parameter 'key'.");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await TrackingSql.BeginWriteAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
        var (id, error) = await FindActiveAsync(connection, transaction, experimentId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var deleted = await TrackingSql.ExecuteAsync(connection, transaction, "DELETE FROM tracking_experiment_tags WHERE experiment_id = @id AND key = @key", cancellationToken, ("@id", id), ("@key", key)).ConfigureAwait(false);
        if (deleted == 0)
        {
            return TrackingError.NotFound($"No tag with name: {key} in experiment with id {experimentId}");
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The experiment's key when it exists and is active (tags change only on active experiments, as in MLflow).</summary>
    private async Task<(long Id, TrackingError? Error)> FindActiveAsync(DbConnection connection, DbTransaction transaction, string experimentId, CancellationToken cancellationToken)
    {
        var (id, stage, error) = await FindAsync(connection, transaction, _dialect.ForUpdate, experimentId, cancellationToken).ConfigureAwait(false);
        return error is not null ? (0, error)
            : stage != LifecycleStage.Active ? (0, TrackingError.Invalid($"The experiment {experimentId} must be in the 'active' state. Current state is {stage}."))
            : (id, null);
    }

    /// <summary>The experiment's key and stage; <paramref name="rowLock"/> (<see cref="TrackingDialect.ForUpdate"/> or ForShare) keeps its row locked until commit.</summary>
    internal static async Task<(long Id, string Stage, TrackingError? Error)> FindAsync(DbConnection connection, DbTransaction? transaction, string rowLock, string? experimentId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(experimentId))
        {
            return (0, string.Empty, TrackingError.Invalid("Missing value for required parameter 'experiment_id'."));
        }

        if (TrackingSql.TryParseExperimentId(experimentId, out var id)
            && await TrackingSql.ScalarAsync(connection, transaction, "SELECT lifecycle_stage FROM tracking_experiments WHERE experiment_id = @id" + rowLock, cancellationToken, ("@id", id)).ConfigureAwait(false) is string stage)
        {
            return (id, stage, null);
        }

        return (0, string.Empty, TrackingError.NotFound($"No Experiment with id={experimentId} exists"));
    }

    private static string Stage(ViewType viewType) => viewType switch
    {
        ViewType.ActiveOnly => "e.lifecycle_stage = 'active'",
        ViewType.DeletedOnly => "e.lifecycle_stage = 'deleted'",
        _ => "1 = 1",
    };

    private static Task<int> UpsertTagAsync(DbConnection connection, DbTransaction transaction, long id, string key, string value, CancellationToken cancellationToken) =>
        TrackingSql.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO tracking_experiment_tags (experiment_id, key, value) VALUES (@id, @key, @value) ON CONFLICT(experiment_id, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("@id", id),
            ("@key", key),
            ("@value", value));

    private async Task<List<Experiment>> QueryAsync(DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string Name, string Location, string Stage, long Created, long Updated)>();
        await using (var command = TrackingSql.Command(connection, null, sql, [.. parameters]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }

        var tags = new Dictionary<long, List<TrackingTag>>();
        if (rows.Count > 0)
        {
            await using var command = TrackingSql.Command(connection, null, $"SELECT experiment_id, key, value FROM tracking_experiment_tags WHERE {_dialect.InList("experiment_id", "@ids")} ORDER BY key", ("@ids", _dialect.List(rows.Select(r => r.Id))));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                if (!tags.TryGetValue(id, out var list))
                {
                    tags[id] = list = [];
                }

                list.Add(new TrackingTag(reader.GetString(1), reader.GetString(2)));
            }
        }

        return rows.Select(r => new Experiment(TrackingSql.FormatId(r.Id), r.Name, r.Location, r.Stage, r.Created, r.Updated, tags.TryGetValue(r.Id, out var t) ? t : [])).ToList();
    }
}
