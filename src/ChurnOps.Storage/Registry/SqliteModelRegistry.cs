using System.Data;
using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Registry;

/// <summary>
/// Registered models, versions, aliases, tags and approvals in the metadata database. Versions are immutable rows
/// (only description, stage, status and tags change); aliases are pointers; a counter per name keeps numbers unique.
/// </summary>
public sealed class SqliteModelRegistry(SqliteMetadataDatabase database, TimeProvider time) : IModelRegistry
{
    public static IReadOnlyList<SchemaMigration> Migrations => SqliteRegistryMigrations.All;

    private static JsonSerializerOptions Json => SqliteRegistryRows.Json;

    public async Task<ModelVersion> RegisterAsync(NewModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var now = time.GetUtcNow();
        var at = SqliteValues.Timestamp(now);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // IMMEDIATE: two registrations of the same model must not both take the same number.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "INSERT INTO registered_models (name, created_at, updated_at) VALUES ($name, $at, $at) ON CONFLICT(name) DO NOTHING", cancellationToken, ("$name", version.ModelName), ("$at", at)).ConfigureAwait(false);
        var next = await NextVersionAsync(connection, transaction, version.ModelName, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO model_versions (model_name, version, run_id, artifact_path, trainer, metrics, lineage, created_by, created_at, description, status, stage, source, gates, run_link, updated_at)
            VALUES ($name, $version, $run, $path, $trainer, $metrics, $lineage, $by, $at, $description, 'pending_approval', 'None', $source, $gates, $link, $at)
            """,
            cancellationToken,
            ("$name", version.ModelName),
            ("$version", next),
            ("$run", version.RunId),
            ("$path", version.ArtifactPath),
            ("$trainer", version.Trainer),
            ("$metrics", JsonSerializer.Serialize(version.Metrics, Json)),
            ("$lineage", JsonSerializer.Serialize(version.Lineage, Json)),
            ("$by", version.CreatedBy),
            ("$at", at),
            ("$description", version.Description),
            ("$source", version.Source),
            ("$gates", version.Gates is null ? null : JsonSerializer.Serialize(version.Gates, Json)),
            ("$link", version.RunLink)).ConfigureAwait(false);
        foreach (var (key, value) in version.Tags)
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO model_version_tags (model_name, version, key, value) VALUES ($name, $version, $key, $value)", cancellationToken, ("$name", version.ModelName), ("$version", next), ("$key", key), ("$value", value)).ConfigureAwait(false);
        }

        await TouchModelAsync(connection, transaction, version.ModelName, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ModelVersion(version.ModelName, next, version.RunId, version.ArtifactPath, version.Trainer, version.Metrics, version.Lineage, version.CreatedBy, now, version.Description)
        {
            Source = version.Source,
            Tags = new Dictionary<string, string>(version.Tags, StringComparer.Ordinal),
            Gates = version.Gates,
            RunLink = version.RunLink,
            UpdatedAt = now,
        };
    }

    public Task<ModelVersion?> GetAsync(string modelName, int version, CancellationToken cancellationToken) =>
        FirstVersionAsync("WHERE v.model_name = $name AND v.version = $version", cancellationToken, ("$name", modelName), ("$version", version));

    public Task<ModelVersion?> GetByAliasAsync(string modelName, string alias, CancellationToken cancellationToken) =>
        FirstVersionAsync(
            "WHERE v.model_name = $name AND v.version = (SELECT version FROM model_aliases WHERE model_name = $name AND alias = $alias)",
            cancellationToken,
            ("$name", modelName),
            ("$alias", alias));

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await QueryVersionsAsync(connection, null, "WHERE v.model_name = $name ORDER BY v.version", cancellationToken, ("$name", modelName)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT alias, version FROM model_aliases WHERE model_name = $name ORDER BY alias";
        command.Parameters.AddWithValue("$name", modelName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases[reader.GetString(0)] = reader.GetInt32(1);
        }

        return aliases;
    }

    public async Task<bool> SetAliasAsync(string modelName, string alias, int version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (!await VersionExistsAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var at = SqliteValues.Timestamp(time.GetUtcNow());
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO model_aliases (model_name, alias, version, updated_at) VALUES ($name, $alias, $version, $at)
            ON CONFLICT(model_name, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
            """,
            cancellationToken,
            ("$name", modelName),
            ("$alias", alias),
            ("$version", version),
            ("$at", at)).ConfigureAwait(false);
        await TouchModelAsync(connection, transaction, modelName, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM model_aliases WHERE model_name = $name AND alias = $alias", cancellationToken, ("$name", modelName), ("$alias", alias)).ConfigureAwait(false) > 0;
    }

    public async Task<RegistryResult<RegisteredModel>> CreateModelAsync(NewRegisteredModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var at = SqliteValues.Timestamp(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var inserted = await ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO registered_models (name, created_at, updated_at, description, owner_team) VALUES ($name, $at, $at, $description, $team) ON CONFLICT(name) DO NOTHING",
            cancellationToken,
            ("$name", model.Name),
            ("$at", at),
            ("$description", model.Description),
            ("$team", model.OwnerTeam)).ConfigureAwait(false);
        if (inserted == 0)
        {
            return RegistryError.AlreadyExists($"Registered Model (name={model.Name}) already exists.");
        }

        foreach (var (key, value) in model.Tags)
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO registered_model_tags (model_name, key, value) VALUES ($name, $key, $value)", cancellationToken, ("$name", model.Name), ("$key", key), ("$value", value)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await RequireModelAsync(connection, model.Name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RegisteredModel?> GetModelAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindModelAsync(connection, modelName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RegistryPage<RegisteredModel>> SearchModelsAsync(RegistryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteRegistryRows.ModelColumns} FROM registered_models m" + SqliteRegistrySearchSql.Build(query, versions: false, command);
        return Page(await SqliteRegistryRows.ReadModelsAsync(command, cancellationToken).ConfigureAwait(false), query);
    }

    public async Task<RegistryPage<ModelVersion>> SearchVersionsAsync(RegistryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteRegistryRows.VersionColumns} FROM model_versions v" + SqliteRegistrySearchSql.Build(query, versions: true, command);
        return Page(await SqliteRegistryRows.ReadVersionsAsync(command, cancellationToken).ConfigureAwait(false), query);
    }

    public async Task<RegistryResult<RegisteredModel>> RenameModelAsync(string modelName, string newName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (await FindModelAsync(connection, modelName, cancellationToken, transaction).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        if (await FindModelAsync(connection, newName, cancellationToken, transaction).ConfigureAwait(false) is not null)
        {
            return RegistryError.AlreadyExists($"Registered Model (name={newName}) already exists.");
        }

        // Children point at the name: check the foreign keys once every table has moved, at commit.
        await ExecuteAsync(connection, transaction, "PRAGMA defer_foreign_keys = ON", cancellationToken).ConfigureAwait(false);
        foreach (var (table, column) in new[]
        {
            ("registered_models", "name"), ("model_versions", "model_name"), ("model_aliases", "model_name"), ("registered_model_tags", "model_name"),
            ("model_version_tags", "model_name"), ("model_approvals", "model_name"),
        })
        {
            await ExecuteAsync(connection, transaction, $"UPDATE {table} SET {column} = $new WHERE {column} = $old", cancellationToken, ("$new", newName), ("$old", modelName)).ConfigureAwait(false);
        }

        // The new name continues the old numbering; the old name keeps its mark too, so neither reuses a number.
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO model_version_counters (model_name, last_version)
            SELECT $new, last_version FROM model_version_counters WHERE model_name = $old
            ON CONFLICT(model_name) DO UPDATE SET last_version = MAX(last_version, excluded.last_version)
            """,
            cancellationToken,
            ("$new", newName),
            ("$old", modelName)).ConfigureAwait(false);
        await TouchModelAsync(connection, transaction, newName, SqliteValues.Timestamp(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await RequireModelAsync(connection, newName, cancellationToken).ConfigureAwait(false);
    }

    public Task<RegistryResult<RegisteredModel>> UpdateModelAsync(string modelName, string? description, CancellationToken cancellationToken) =>
        ChangeModelAsync(modelName, "UPDATE registered_models SET description = $value WHERE name = $name", cancellationToken, ("$value", description));

    public Task<RegistryResult<RegisteredModel>> SetModelTagAsync(string modelName, string key, string value, CancellationToken cancellationToken) =>
        ChangeModelAsync(
            modelName,
            "INSERT INTO registered_model_tags (model_name, key, value) VALUES ($name, $key, $value) ON CONFLICT(model_name, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("$key", key),
            ("$value", value));

    public Task<RegistryResult<RegisteredModel>> DeleteModelTagAsync(string modelName, string key, CancellationToken cancellationToken) =>
        ChangeModelAsync(modelName, "DELETE FROM registered_model_tags WHERE model_name = $name AND key = $key", cancellationToken, ("$key", key));

    public async Task<RegistryResult<bool>> DeleteModelAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (await FindModelAsync(connection, modelName, cancellationToken, transaction).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        // Approvals stay: the audit trail of who signed what off outlives the model.
        foreach (var table in new[] { "model_aliases", "model_version_tags", "model_versions", "registered_model_tags" })
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE model_name = $name", cancellationToken, ("$name", modelName)).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM registered_models WHERE name = $name", cancellationToken, ("$name", modelName)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<bool>.Ok(true);
    }

    public Task<RegistryResult<ModelVersion>> UpdateVersionAsync(string modelName, int version, string? description, CancellationToken cancellationToken) =>
        ChangeVersionAsync(modelName, version, "UPDATE model_versions SET description = $value WHERE model_name = $name AND version = $version", cancellationToken, ("$value", description));

    public Task<RegistryResult<ModelVersion>> SetVersionTagAsync(string modelName, int version, string key, string value, CancellationToken cancellationToken) =>
        ChangeVersionAsync(
            modelName,
            version,
            "INSERT INTO model_version_tags (model_name, version, key, value) VALUES ($name, $version, $key, $value) ON CONFLICT(model_name, version, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("$key", key),
            ("$value", value));

    public Task<RegistryResult<ModelVersion>> DeleteVersionTagAsync(string modelName, int version, string key, CancellationToken cancellationToken) =>
        ChangeVersionAsync(modelName, version, "DELETE FROM model_version_tags WHERE model_name = $name AND version = $version AND key = $key", cancellationToken, ("$key", key));

    public async Task<RegistryResult<ModelVersion>> TransitionStageAsync(string modelName, int version, ModelStage stage, bool archiveExisting, CancellationToken cancellationToken)
    {
        var at = SqliteValues.Timestamp(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (!await VersionExistsAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(modelName, version);
        }

        // MLflow archives only the others in the target stage, and only for Staging and Production.
        if (archiveExisting && stage is ModelStage.Staging or ModelStage.Production)
        {
            await ExecuteAsync(
                connection,
                transaction,
                "UPDATE model_versions SET stage = 'Archived', updated_at = $at WHERE model_name = $name AND stage = $stage AND version <> $version",
                cancellationToken,
                ("$name", modelName),
                ("$stage", RegistryNames.Stage(stage)),
                ("$version", version),
                ("$at", at)).ConfigureAwait(false);
        }

        await ExecuteAsync(
            connection,
            transaction,
            "UPDATE model_versions SET stage = $stage, updated_at = $at WHERE model_name = $name AND version = $version",
            cancellationToken,
            ("$name", modelName),
            ("$stage", RegistryNames.Stage(stage)),
            ("$version", version),
            ("$at", at)).ConfigureAwait(false);
        await TouchModelAsync(connection, transaction, modelName, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<ModelVersion>.Ok((await FirstVersionAsync(connection, "WHERE v.model_name = $name AND v.version = $version", cancellationToken, ("$name", modelName), ("$version", version)).ConfigureAwait(false))!);
    }

    public async Task<RegistryResult<bool>> DeleteVersionAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (!await VersionExistsAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(modelName, version);
        }

        foreach (var table in new[] { "model_aliases", "model_version_tags", "model_versions" })
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE model_name = $name AND version = $version", cancellationToken, ("$name", modelName), ("$version", version)).ConfigureAwait(false);
        }

        await TouchModelAsync(connection, transaction, modelName, SqliteValues.Timestamp(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<bool>.Ok(true);
    }

    public async Task<RegistryResult<ModelVersion>> RecordApprovalAsync(ModelApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var at = SqliteValues.Timestamp(approval.DecidedAt);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (!await VersionExistsAsync(connection, transaction, approval.ModelName, approval.Version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(approval.ModelName, approval.Version);
        }

        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO model_approvals (model_name, version, decision, team, actor, decided_at, note, evidence_metrics, evidence_verdict)
            VALUES ($name, $version, $decision, $team, $actor, $at, $note, $metrics, $verdict)
            """,
            cancellationToken,
            ("$name", approval.ModelName),
            ("$version", approval.Version),
            ("$decision", Decision(approval.Decision)),
            ("$team", approval.Team),
            ("$actor", approval.Actor),
            ("$at", at),
            ("$note", approval.Note),
            ("$metrics", JsonSerializer.Serialize(approval.EvidenceMetrics, Json)),
            ("$verdict", JsonSerializer.Serialize(approval.EvidenceVerdict, Json))).ConfigureAwait(false);
        var status = approval.Decision == ApprovalDecision.Approve ? ModelVersionStatus.Approved : ModelVersionStatus.Rejected;
        await ExecuteAsync(
            connection,
            transaction,
            "UPDATE model_versions SET status = $status, updated_at = $at WHERE model_name = $name AND version = $version",
            cancellationToken,
            ("$status", RegistryNames.Status(status)),
            ("$at", at),
            ("$name", approval.ModelName),
            ("$version", approval.Version)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<ModelVersion>.Ok((await FirstVersionAsync(connection, "WHERE v.model_name = $name AND v.version = $version", cancellationToken, ("$name", approval.ModelName), ("$version", approval.Version)).ConfigureAwait(false))!);
    }

    public async Task<IReadOnlyList<ModelApproval>> GetApprovalsAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT decision, team, actor, decided_at, note, evidence_metrics, evidence_verdict FROM model_approvals WHERE model_name = $name AND version = $version ORDER BY id";
        command.Parameters.AddWithValue("$name", modelName);
        command.Parameters.AddWithValue("$version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var approvals = new List<ModelApproval>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            approvals.Add(new ModelApproval(
                modelName,
                version,
                reader.GetString(0) == "approve" ? ApprovalDecision.Approve : ApprovalDecision.Reject,
                reader.GetString(1),
                reader.GetString(2),
                SqliteValues.ParseTimestamp(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(5), Json) ?? [],
                JsonSerializer.Deserialize<GateVerdict>(reader.GetString(6), Json)!));
        }

        return approvals;
    }

    private static string Decision(ApprovalDecision decision) => decision == ApprovalDecision.Approve ? "approve" : "reject";

    private static RegistryPage<T> Page<T>(List<T> rows, RegistryQuery query)
    {
        var more = rows.Count > query.MaxResults;
        return new RegistryPage<T>(more ? rows.GetRange(0, query.MaxResults) : rows, more ? Core.Tracking.PageToken.Encode(query.Offset + query.MaxResults) : null);
    }

    private async Task<RegistryResult<RegisteredModel>> ChangeModelAsync(string modelName, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (await FindModelAsync(connection, modelName, cancellationToken, transaction).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        await ExecuteAsync(connection, transaction, sql, cancellationToken, [("$name", modelName), .. parameters]).ConfigureAwait(false);
        await TouchModelAsync(connection, transaction, modelName, SqliteValues.Timestamp(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await RequireModelAsync(connection, modelName, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RegistryResult<ModelVersion>> ChangeVersionAsync(string modelName, int version, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var at = SqliteValues.Timestamp(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (!await VersionExistsAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(modelName, version);
        }

        await ExecuteAsync(connection, transaction, sql, cancellationToken, [("$name", modelName), ("$version", version), .. parameters]).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE model_versions SET updated_at = $at WHERE model_name = $name AND version = $version", cancellationToken, ("$at", at), ("$name", modelName), ("$version", version)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<ModelVersion>.Ok((await FirstVersionAsync(connection, "WHERE v.model_name = $name AND v.version = $version", cancellationToken, ("$name", modelName), ("$version", version)).ConfigureAwait(false))!);
    }

    private static async Task<int> NextVersionAsync(SqliteConnection connection, SqliteTransaction transaction, string modelName, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO model_version_counters (model_name, last_version)
            VALUES ($name, (SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_name = $name))
            ON CONFLICT(model_name) DO UPDATE SET last_version = last_version + 1
            RETURNING last_version
            """;
        command.Parameters.AddWithValue("$name", modelName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static Task<int> TouchModelAsync(SqliteConnection connection, SqliteTransaction transaction, string modelName, string at, CancellationToken ct) =>
        ExecuteAsync(connection, transaction, "UPDATE registered_models SET updated_at = $at WHERE name = $name", ct, ("$at", at), ("$name", modelName));

    private static async Task<bool> VersionExistsAsync(SqliteConnection connection, SqliteTransaction? transaction, string modelName, int version, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM model_versions WHERE model_name = $name AND version = $version";
        command.Parameters.AddWithValue("$name", modelName);
        command.Parameters.AddWithValue("$version", version);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    private static async Task<RegisteredModel?> FindModelAsync(SqliteConnection connection, string modelName, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {SqliteRegistryRows.ModelColumns} FROM registered_models m WHERE m.name = $name";
        command.Parameters.AddWithValue("$name", modelName);
        var models = await SqliteRegistryRows.ReadModelsAsync(command, ct).ConfigureAwait(false);
        return models.Count == 0 ? null : models[0];
    }

    private static async Task<RegistryResult<RegisteredModel>> RequireModelAsync(SqliteConnection connection, string modelName, CancellationToken ct) =>
        await FindModelAsync(connection, modelName, ct).ConfigureAwait(false) is { } model ? RegistryResult<RegisteredModel>.Ok(model) : RegistryError.ModelNotFound(modelName);

    private async Task<ModelVersion?> FirstVersionAsync(string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await FirstVersionAsync(connection, where, ct, parameters).ConfigureAwait(false);
    }

    private static async Task<ModelVersion?> FirstVersionAsync(SqliteConnection connection, string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var list = await QueryVersionsAsync(connection, null, where, ct, parameters).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    private static async Task<List<ModelVersion>> QueryVersionsAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {SqliteRegistryRows.VersionColumns} FROM model_versions v {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await SqliteRegistryRows.ReadVersionsAsync(command, ct).ConfigureAwait(false);
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
