using System.Text.Json;
using ChurnOps.Core.Pipelines;
using ChurnOps.Storage.Metadata;
using System.Data.Common;

namespace ChurnOps.Storage.Pipelines;

/// <summary>
/// Pipeline runs, step attempts, the event cursor and paused pipelines in the metadata database. Times are epoch
/// milliseconds (leases compare them); UNIQUE (pipeline, trigger_key) is what makes an event or a schedule instant
/// start its pipeline once, whichever process or retry queues it.
/// </summary>
public sealed class SqlPipelineRunStore(MetadataDatabase database, TimeProvider time) : IPipelineRunStore
{
    private const string RunColumns = "id, pipeline, state, trigger, trigger_key, logical_date_ms, parameters, created_ms, started_ms, ended_ms, error, lease_owner, lease_expires_ms";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("pipelines", 1, """
            CREATE TABLE pipeline_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                pipeline TEXT NOT NULL,
                state TEXT NOT NULL,
                trigger TEXT NOT NULL,
                trigger_key TEXT NOT NULL,
                logical_date_ms INTEGER NOT NULL,
                parameters TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                started_ms INTEGER,
                ended_ms INTEGER,
                error TEXT,
                lease_owner TEXT,
                lease_expires_ms INTEGER,
                UNIQUE (pipeline, trigger_key));
            CREATE INDEX ix_pipeline_runs_pipeline ON pipeline_runs(pipeline, id);
            CREATE INDEX ix_pipeline_runs_state ON pipeline_runs(state, id);
            CREATE TABLE pipeline_step_attempts (
                run_id INTEGER NOT NULL REFERENCES pipeline_runs(id),
                step TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                state TEXT NOT NULL,
                started_ms INTEGER NOT NULL,
                ended_ms INTEGER,
                log TEXT NOT NULL DEFAULT '',
                error TEXT,
                outputs TEXT NOT NULL DEFAULT '{}',
                PRIMARY KEY (run_id, step, attempt));
            CREATE TABLE pipeline_cursors (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
            CREATE TABLE pipeline_pauses (pipeline TEXT PRIMARY KEY, paused_ms INTEGER NOT NULL);
            """),
    ];

    public async Task<PipelineRun?> QueueAsync(NewPipelineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO pipeline_runs (pipeline, state, trigger, trigger_key, logical_date_ms, parameters, created_ms)
            VALUES (@pipeline, 'queued', @trigger, @key, @logical, @parameters, @now)
            ON CONFLICT (pipeline, trigger_key) DO NOTHING
            RETURNING {RunColumns}
            """;
        command.Value("@pipeline", run.Pipeline);
        command.Value("@trigger", run.Trigger);
        command.Value("@key", run.TriggerKey);
        command.Value("@logical", run.LogicalDate.ToUnixTimeMilliseconds());
        command.Value("@parameters", JsonSerializer.Serialize(run.Parameters));
        command.Value("@now", now);
        var runs = await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
        return runs.Count == 0 ? null : runs[0];
    }

    public async Task<bool> ClaimAsync(long runId, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await ExecuteAsync(
            "UPDATE pipeline_runs SET state = 'running', started_ms = @now, lease_owner = @owner, lease_expires_ms = @until WHERE id = @id AND state = 'queued'",
            cancellationToken,
            ("@id", runId), ("@owner", owner), ("@until", leaseUntil.ToUnixTimeMilliseconds()), ("@now", now)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RenewLeaseAsync(long runId, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE pipeline_runs SET lease_expires_ms = @until WHERE id = @id AND state = 'running' AND lease_owner = @owner",
            cancellationToken,
            ("@id", runId), ("@owner", owner), ("@until", leaseUntil.ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1;

    public Task FinishRunAsync(long runId, PipelineRunState state, string? error, CancellationToken cancellationToken) =>
        // An attempt still marked running when its run ends was cut short with it (a shutdown, a lost lease).
        ExecuteAsync(
            """
            UPDATE pipeline_runs SET state = @state, ended_ms = @now, error = @error, lease_expires_ms = NULL WHERE id = @id;
            UPDATE pipeline_step_attempts SET state = 'failed', ended_ms = @now, error = 'interrupted: ' || COALESCE(@error, 'the run ended')
            WHERE run_id = @id AND state = 'running';
            """,
            cancellationToken,
            ("@id", runId), ("@state", Name(state)), ("@now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@error", error));

    public Task StartAttemptAsync(long runId, string step, int attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO pipeline_step_attempts (run_id, step, attempt, state, started_ms) VALUES (@run, @step, @attempt, 'running', @now)",
            cancellationToken,
            ("@run", runId), ("@step", step), ("@attempt", attempt), ("@now", time.GetUtcNow().ToUnixTimeMilliseconds()));

    public Task FinishAttemptAsync(StepAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        // A skipped step never started: the upsert records it with its own row.
        return ExecuteAsync(
            """
            INSERT INTO pipeline_step_attempts (run_id, step, attempt, state, started_ms, ended_ms, log, error, outputs)
            VALUES (@run, @step, @attempt, @state, @started, @ended, @log, @error, @outputs)
            ON CONFLICT (run_id, step, attempt) DO UPDATE SET state = excluded.state, ended_ms = excluded.ended_ms,
                log = excluded.log, error = excluded.error, outputs = excluded.outputs
            """,
            cancellationToken,
            ("@run", attempt.RunId), ("@step", attempt.Step), ("@attempt", attempt.Attempt), ("@state", Name(attempt.State)),
            ("@started", attempt.StartedAt.ToUnixTimeMilliseconds()), ("@ended", (object?)attempt.EndedAt?.ToUnixTimeMilliseconds() ?? MetadataCommands.NullInteger),
            ("@log", attempt.Log), ("@error", attempt.Error), ("@outputs", JsonSerializer.Serialize(attempt.Outputs)));
    }

    public async Task<PipelineRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunColumns} FROM pipeline_runs WHERE id = @id";
        command.Value("@id", runId);
        var runs = await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
        return runs.Count == 0 ? null : runs[0];
    }

    public async Task<IReadOnlyList<PipelineRun>> ListRunsAsync(string? pipeline, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunColumns} FROM pipeline_runs WHERE (@pipeline IS NULL OR pipeline = @pipeline) ORDER BY id DESC LIMIT @limit";
        command.Value("@pipeline", pipeline);
        command.Value("@limit", Math.Clamp(limit, 1, 100_000));
        return await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PipelineRun>> ListQueuedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunColumns} FROM pipeline_runs WHERE state = 'queued' ORDER BY id LIMIT @limit";
        command.Value("@limit", Math.Clamp(limit, 1, 100_000));
        return await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StepAttempt>> ListAttemptsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, step, attempt, state, started_ms, ended_ms, log, error, outputs FROM pipeline_step_attempts WHERE run_id = @run ORDER BY started_ms, step, attempt";
        command.Value("@run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var attempts = new List<StepAttempt>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(new StepAttempt(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), Enum.Parse<StepState>(reader.GetString(3), ignoreCase: true),
                FromMs(reader.GetInt64(4)), reader.IsDBNull(5) ? null : FromMs(reader.GetInt64(5)), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), Map(reader.GetString(8))));
        }

        return attempts;
    }

    public async Task<IReadOnlyList<PipelineRun>> ReapExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            UPDATE pipeline_runs
            SET state = 'failed', ended_ms = @now,
                error = 'the process running it (' || COALESCE(lease_owner, '?') || ') stopped: its lease expired at '
                    || {database.Dialect.EpochMillisecondsAsText("lease_expires_ms")} || ' with no heartbeat',
                lease_expires_ms = NULL
            WHERE state = 'running' AND lease_expires_ms < @now
            RETURNING {RunColumns}
            """;
        command.Value("@now", nowMs);
        var reaped = await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
        foreach (var run in reaped)
        {
            await using var attempts = connection.CreateCommand();
            attempts.Transaction = transaction;
            attempts.CommandText = "UPDATE pipeline_step_attempts SET state = 'failed', ended_ms = @now, error = 'interrupted: ' || @reason WHERE run_id = @run AND state = 'running'";
            attempts.Value("@now", nowMs);
            attempts.Value("@reason", run.Error ?? "the run's process stopped");
            attempts.Value("@run", run.Id);
            await attempts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return reaped;
    }

    public async Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM pipeline_cursors WHERE name = @name";
        command.Value("@name", name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : null;
    }

    public Task SetCursorAsync(string name, long position, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO pipeline_cursors (name, position) VALUES (@name, @position) ON CONFLICT (name) DO UPDATE SET position = " + database.Dialect.Greatest + "(pipeline_cursors.position, excluded.position)",
            cancellationToken,
            ("@name", name), ("@position", position));

    public Task SetPausedAsync(string pipeline, bool paused, CancellationToken cancellationToken) =>
        paused
            ? ExecuteAsync("INSERT INTO pipeline_pauses (pipeline, paused_ms) VALUES (@p, @now) ON CONFLICT (pipeline) DO NOTHING", cancellationToken, ("@p", pipeline), ("@now", time.GetUtcNow().ToUnixTimeMilliseconds()))
            : ExecuteAsync("DELETE FROM pipeline_pauses WHERE pipeline = @p", cancellationToken, ("@p", pipeline));

    public async Task<IReadOnlySet<string>> ListPausedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pipeline FROM pipeline_pauses";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var paused = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            paused.Add(reader.GetString(0));
        }

        return paused;
    }

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static Dictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new Dictionary<string, string>();

    private static async Task<List<PipelineRun>> ReadRunsAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var runs = new List<PipelineRun>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            runs.Add(new PipelineRun(
                reader.GetInt64(0), reader.GetString(1), Enum.Parse<PipelineRunState>(reader.GetString(2), ignoreCase: true),
                reader.GetString(3), reader.GetString(4), FromMs(reader.GetInt64(5)), Map(reader.GetString(6)), FromMs(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : FromMs(reader.GetInt64(8)), reader.IsDBNull(9) ? null : FromMs(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : FromMs(reader.GetInt64(12))));
        }

        return runs;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Value(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
