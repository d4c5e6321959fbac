using ChurnOps.Core.Retraining;
using ChurnOps.Storage.Metadata;
using System.Data.Common;

namespace ChurnOps.Storage.Retraining;

public sealed class SqlRetrainingStore(MetadataDatabase database) : IRetrainingStore
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("retraining", 1, """
            CREATE TABLE retraining_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                model_name TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT,
                training_run_id TEXT,
                registered_version INTEGER,
                error TEXT);
            CREATE INDEX ix_retraining_runs_model ON retraining_runs(model_name, id);
            CREATE TABLE retraining_triggers (
                retraining_id INTEGER NOT NULL REFERENCES retraining_runs(id),
                position INTEGER NOT NULL,
                kind TEXT NOT NULL,
                cause TEXT NOT NULL UNIQUE,
                detail TEXT NOT NULL,
                PRIMARY KEY (retraining_id, position));
            """),
    ];

    public async Task<RetrainingRun?> TryStartAsync(string modelName, IReadOnlyList<RetrainingTrigger> triggers, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(triggers);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE: the check for causes already fired and the insert are one writer's step.
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, "retraining", cancellationToken).ConfigureAwait(false);
        var fresh = new List<RetrainingTrigger>();
        foreach (var trigger in triggers.DistinctBy(t => t.Cause))
        {
            if (!await HasFiredAsync(connection, transaction, trigger.Cause, cancellationToken).ConfigureAwait(false))
            {
                fresh.Add(trigger);
            }
        }

        if (fresh.Count == 0)
        {
            return null;
        }

        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO retraining_runs (model_name, status, started_at) VALUES (@model, @status, @at) RETURNING id";
            insert.Value("@model", modelName);
            insert.Value("@status", RetrainingRun.Started);
            insert.Value("@at", MetadataValues.Timestamp(at));
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        for (var i = 0; i < fresh.Count; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO retraining_triggers (retraining_id, position, kind, cause, detail) VALUES (@id, @position, @kind, @cause, @detail)";
            insert.Value("@id", id);
            insert.Value("@position", i);
            insert.Value("@kind", fresh[i].Kind);
            insert.Value("@cause", fresh[i].Cause);
            insert.Value("@detail", fresh[i].Detail);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RetrainingRun(id, modelName, RetrainingRun.Started, fresh, at, null, null, null, null);
    }

    public async Task<RetrainingRun> CompleteAsync(long id, string status, string? trainingRunId, int? registeredVersion, string? error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = """
                UPDATE retraining_runs SET status = @status, ended_at = @at, training_run_id = @run, registered_version = @version, error = @error
                WHERE id = @id
                """;
            update.Value("@status", status);
            update.Value("@at", MetadataValues.Timestamp(at));
            update.Value("@run", trainingRunId);
            update.Int64("@version", registeredVersion);
            update.Value("@error", error);
            update.Value("@id", id);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException($"retraining {id} does not exist");
            }
        }

        return (await ListAsync(connection, null, id, 1, cancellationToken).ConfigureAwait(false))[0];
    }

    public async Task<IReadOnlyList<RetrainingRun>> ListAsync(string? modelName, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(connection, modelName, null, max, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> HasFiredAsync(string cause, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await HasFiredAsync(connection, null, cause, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> HasFiredAsync(DbConnection connection, DbTransaction? transaction, string cause, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM retraining_triggers WHERE cause = @cause";
        command.Value("@cause", cause);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    private static async Task<List<RetrainingRun>> ListAsync(DbConnection connection, string? modelName, long? id, int max, CancellationToken ct)
    {
        var runs = new List<RetrainingRun>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, model_name, status, started_at, ended_at, training_run_id, registered_version, error FROM retraining_runs
                WHERE (@model IS NULL OR model_name = @model) AND (@id IS NULL OR id = @id) ORDER BY id DESC LIMIT @max
                """;
            command.Value("@model", modelName);
            command.Value("@id", id);
            command.Value("@max", Math.Clamp(max, 1, 10_000));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                runs.Add(new RetrainingRun(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    [],
                    MetadataValues.ParseTimestamp(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : MetadataValues.ParseTimestamp(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7)));
            }
        }

        for (var i = 0; i < runs.Count; i++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT kind, cause, detail FROM retraining_triggers WHERE retraining_id = @id ORDER BY position";
            command.Value("@id", runs[i].Id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var triggers = new List<RetrainingTrigger>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                triggers.Add(new RetrainingTrigger(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            runs[i] = runs[i] with { Triggers = triggers };
        }

        return runs;
    }
}
