using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChurnOps.Core.Deployments;
using ChurnOps.Storage.Metadata;
using System.Data.Common;

namespace ChurnOps.Storage.Deployments;

/// <summary>
/// Deployments and their history in the metadata database. <c>open_model</c> holds the model's name while a deployment
/// is open and NULL after, so its UNIQUE index allows one open deployment per model; every transition is a
/// compare-and-set on (step_index, status) in one transaction with its history row.
/// </summary>
public sealed class SqlDeploymentStore(MetadataDatabase database, TimeProvider time) : IDeploymentStore
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("deployments", 1, """
            CREATE TABLE deployments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                model_name TEXT NOT NULL,
                alias TEXT NOT NULL,
                stable_version INTEGER NOT NULL,
                candidate_version INTEGER NOT NULL,
                steps TEXT NOT NULL,
                step_index INTEGER NOT NULL,
                candidate_weight INTEGER NOT NULL,
                interval_ms INTEGER NOT NULL,
                shadow INTEGER NOT NULL,
                status TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                step_started_at TEXT NOT NULL,
                reason TEXT,
                open_model TEXT UNIQUE);
            CREATE TABLE deployment_events (
                deployment_id INTEGER NOT NULL REFERENCES deployments(id),
                sequence INTEGER NOT NULL,
                action TEXT NOT NULL,
                step_index INTEGER NOT NULL,
                candidate_weight INTEGER NOT NULL,
                figures TEXT NOT NULL,
                checks TEXT NOT NULL,
                reason TEXT,
                at TEXT NOT NULL,
                PRIMARY KEY (deployment_id, sequence));
            """),
    ];

    private const string Columns = "id, model_name, alias, stable_version, candidate_version, steps, step_index, candidate_weight, interval_ms, shadow, status, created_by, created_at, step_started_at, reason";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<Deployment?> CreateAsync(NewDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, "deployments", cancellationToken).ConfigureAwait(false);
        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO deployments (model_name, alias, stable_version, candidate_version, steps, step_index, candidate_weight, interval_ms, shadow, status, created_by, created_at, step_started_at, reason, open_model)
                VALUES (@model, @alias, @stable, @candidate, @steps, 0, @weight, @interval, @shadow, @status, @by, @at, @at, NULL, @model)
                ON CONFLICT(open_model) DO NOTHING
                RETURNING id
                """;
            insert.Value("@model", deployment.ModelName);
            insert.Value("@alias", deployment.Alias);
            insert.Value("@stable", deployment.StableVersion);
            insert.Value("@candidate", deployment.CandidateVersion);
            insert.Value("@steps", string.Join(',', deployment.Steps.Select(s => s.ToString(CultureInfo.InvariantCulture))));
            insert.Value("@weight", deployment.Steps[0]);
            insert.Value("@interval", (long)deployment.Interval.TotalMilliseconds);
            insert.Value("@shadow", deployment.Shadow ? 1 : 0);
            insert.Value("@status", StatusText(DeploymentStatus.Active));
            insert.Value("@by", deployment.CreatedBy);
            insert.Value("@at", MetadataValues.Timestamp(now));
            var returned = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (returned is null or DBNull)
            {
                return null;
            }

            id = Convert.ToInt64(returned, CultureInfo.InvariantCulture);
        }

        await AddEventAsync(connection, transaction, id, "started", 0, deployment.Steps[0], [], [], null, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Deployment?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Deployment>> ListOpenAsync(CancellationToken cancellationToken) =>
        QueryAsync("WHERE open_model IS NOT NULL ORDER BY id", cancellationToken);

    public Task<IReadOnlyList<Deployment>> ListAsync(int max, CancellationToken cancellationToken) =>
        QueryAsync("ORDER BY id DESC LIMIT @max", cancellationToken, ("@max", Math.Max(0, max)));

    public async Task<Deployment?> TransitionAsync(long id, DeploymentTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var now = time.GetUtcNow();
        var open = transition.Status is DeploymentStatus.Active or DeploymentStatus.Paused;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, "deployments", cancellationToken).ConfigureAwait(false);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE deployments
                SET step_index = @step, candidate_weight = @weight, status = @status, reason = @reason, step_started_at = @at,
                    open_model = CASE WHEN @open = 1 THEN model_name ELSE NULL END
                WHERE id = @id AND step_index = @expectedStep AND status = @expectedStatus
                """;
            update.Value("@id", id);
            update.Value("@step", transition.StepIndex);
            update.Value("@weight", transition.CandidateWeight);
            update.Value("@status", StatusText(transition.Status));
            update.Value("@reason", transition.Reason);
            update.Value("@at", MetadataValues.Timestamp(now));
            update.Value("@open", open ? 1 : 0);
            update.Value("@expectedStep", transition.ExpectedStepIndex);
            update.Value("@expectedStatus", StatusText(transition.ExpectedStatus));
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }
        }

        await AddEventAsync(connection, transaction, id, transition.Action, transition.StepIndex, transition.CandidateWeight, transition.Figures, transition.Checks, transition.Reason, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeploymentEvent>> ListEventsAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT deployment_id, sequence, action, step_index, candidate_weight, figures, checks, reason, at FROM deployment_events WHERE deployment_id = @id ORDER BY sequence";
        command.Value("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<DeploymentEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new DeploymentEvent(
                reader.GetInt64(0),
                reader.GetInt32(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                JsonSerializer.Deserialize<List<ArmFigures>>(reader.GetString(5), Json) ?? [],
                JsonSerializer.Deserialize<List<AnalysisCheck>>(reader.GetString(6), Json) ?? [],
                reader.IsDBNull(7) ? null : reader.GetString(7),
                MetadataValues.ParseTimestamp(reader.GetString(8))));
        }

        return events;
    }

    private static async Task AddEventAsync(DbConnection connection, DbTransaction transaction, long id, string action, int step, int weight, IReadOnlyList<ArmFigures> figures, IReadOnlyList<AnalysisCheck> checks, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO deployment_events (deployment_id, sequence, action, step_index, candidate_weight, figures, checks, reason, at)
            VALUES (@id, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM deployment_events WHERE deployment_id = @id), @action, @step, @weight, @figures, @checks, @reason, @at)
            """;
        insert.Value("@id", id);
        insert.Value("@action", action);
        insert.Value("@step", step);
        insert.Value("@weight", weight);
        insert.Value("@figures", JsonSerializer.Serialize(figures, Json));
        insert.Value("@checks", JsonSerializer.Serialize(checks, Json));
        insert.Value("@reason", reason);
        insert.Value("@at", MetadataValues.Timestamp(at));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Deployment>> QueryAsync(string where, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM deployments {where}";
        foreach (var (name, value) in parameters)
        {
            command.Value(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<Deployment>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(new Deployment(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                [.. reader.GetString(5).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
                reader.GetInt32(6),
                reader.GetInt32(7),
                TimeSpan.FromMilliseconds(reader.GetInt64(8)),
                reader.GetInt64(9) != 0,
                ParseStatus(reader.GetString(10)),
                reader.GetString(11),
                MetadataValues.ParseTimestamp(reader.GetString(12)),
                MetadataValues.ParseTimestamp(reader.GetString(13)),
                reader.IsDBNull(14) ? null : reader.GetString(14)));
        }

        return found;
    }

    private static string StatusText(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Active => "active",
        DeploymentStatus.Paused => "paused",
        DeploymentStatus.Completed => "completed",
        _ => "rolled-back",
    };

    private static DeploymentStatus ParseStatus(string text) => text switch
    {
        "active" => DeploymentStatus.Active,
        "paused" => DeploymentStatus.Paused,
        "completed" => DeploymentStatus.Completed,
        _ => DeploymentStatus.RolledBack,
    };
}
