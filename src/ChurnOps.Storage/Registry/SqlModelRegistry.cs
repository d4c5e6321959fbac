using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Registry;

/// <summary>
/// Registered models, versions, aliases, tags and approvals in the metadata database. Versions are immutable rows
/// (only description, stage, status and tags change); aliases are pointers; a counter per name keeps numbers unique.
/// </summary>
public sealed class SqlModelRegistry(MetadataDatabase database, TimeProvider time) : IModelRegistry
{
    private readonly TrackingDialect _dialect = TrackingDialect.Of(database);

    public static IReadOnlyList<SchemaMigration> Migrations => RegistryMigrations.All;

    private static JsonSerializerOptions Json => RegistryRows.Json;

    public async Task<ModelVersion> RegisterAsync(NewModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var now = time.GetUtcNow();
        var at = MetadataValues.Timestamp(now);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Two registrations of the same model must not take the same number: the counter's upsert serializes them
        // (SQLite: BEGIN IMMEDIATE; PostgreSQL: the counter row's lock until commit).
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        await RegistryCommands.ExecuteAsync(connection, transaction, "INSERT INTO registered_models (name, created_at, updated_at, owner_team) VALUES (@name, @at, @at, @team) ON CONFLICT(name) DO NOTHING", cancellationToken, ("@name", version.ModelName), ("@at", at), ("@team", version.OwnerTeam)).ConfigureAwait(false);
        var next = await RegistryCommands.NextVersionAsync(connection, transaction, version.ModelName, cancellationToken).ConfigureAwait(false);
        await RegistryCommands.ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO model_versions (model_name, version, run_id, artifact_path, trainer, metrics, lineage, created_by, created_at, description, status, stage, source, gates, run_link, updated_at, artifact_sha256)
            VALUES (@name, @version, @run, @path, @trainer, @metrics, @lineage, @by, @at, @description, 'pending_approval', 'None', @source, @gates, @link, @at, @sha256)
            """,
            cancellationToken,
            ("@name", version.ModelName),
            ("@version", next),
            ("@run", version.RunId),
            ("@path", version.ArtifactPath),
            ("@trainer", version.Trainer),
            ("@metrics", JsonSerializer.Serialize(version.Metrics, Json)),
            ("@lineage", JsonSerializer.Serialize(version.Lineage, Json)),
            ("@by", version.CreatedBy),
            ("@at", at),
            ("@description", version.Description),
            ("@source", version.Source),
            ("@gates", version.Gates is null ? null : JsonSerializer.Serialize(version.Gates, Json)),
            ("@link", version.RunLink),
            ("@sha256", version.ArtifactSha256)).ConfigureAwait(false);
        foreach (var (key, value) in version.Tags)
        {
            await RegistryCommands.ExecuteAsync(connection, transaction, "INSERT INTO model_version_tags (model_name, version, key, value) VALUES (@name, @version, @key, @value)", cancellationToken, ("@name", version.ModelName), ("@version", next), ("@key", key), ("@value", value)).ConfigureAwait(false);
        }

        await RegistryCommands.TouchModelAsync(connection, transaction, version.ModelName, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ModelVersion(version.ModelName, next, version.RunId, version.ArtifactPath, version.Trainer, version.Metrics, version.Lineage, version.CreatedBy, now, version.Description)
        {
            Source = version.Source,
            Tags = new Dictionary<string, string>(version.Tags, StringComparer.Ordinal),
            Gates = version.Gates,
            RunLink = version.RunLink,
            ArtifactSha256 = version.ArtifactSha256,
            UpdatedAt = now,
        };
    }

    public Task<ModelVersion?> GetAsync(string modelName, int version, CancellationToken cancellationToken) =>
        FirstVersionAsync("WHERE v.model_name = @name AND v.version = @version", cancellationToken, ("@name", modelName), ("@version", version));

    public Task<ModelVersion?> GetByAliasAsync(string modelName, string alias, CancellationToken cancellationToken) =>
        FirstVersionAsync(
            "WHERE v.model_name = @name AND v.version = (SELECT version FROM model_aliases WHERE model_name = @name AND alias = @alias)",
            cancellationToken,
            ("@name", modelName),
            ("@alias", alias));

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await RegistryCommands.QueryVersionsAsync(connection, null, "WHERE v.model_name = @name ORDER BY v.version", cancellationToken, ("@name", modelName)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = TrackingSql.Command(connection, null, "SELECT alias, version FROM model_aliases WHERE model_name = @name ORDER BY alias", ("@name", modelName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases[reader.GetString(0)] = reader.GetInt32(1);
        }

        return aliases;
    }

    public async Task<bool> SetAliasAsync(string modelName, string alias, int version, CancellationToken cancellationToken) =>
        (await SetAliasAsync(modelName, alias, version, null, cancellationToken).ConfigureAwait(false)).IsSuccess;

    public async Task<RegistryResult<ModelVersion>> SetAliasAsync(string modelName, string alias, int version, ModelVersionStatus? requiredStatus, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        var found = await RegistryCommands.FirstVersionAsync(connection, transaction, "WHERE v.model_name = @name AND v.version = @version" + _dialect.ForUpdate, cancellationToken, ("@name", modelName), ("@version", version)).ConfigureAwait(false);
        if (found is null)
        {
            return RegistryError.VersionNotFound(modelName, version);
        }

        // Checked inside the write transaction, so a rejection racing this call cannot leave the alias on it.
        if (requiredStatus is { } required && found.Status != required)
        {
            return RegistryError.Denied($"{modelName} v{version} is {RegistryNames.Status(found.Status)}, not {RegistryNames.Status(required)}");
        }

        var at = MetadataValues.Timestamp(time.GetUtcNow());
        await RegistryCommands.ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO model_aliases (model_name, alias, version, updated_at) VALUES (@name, @alias, @version, @at)
            ON CONFLICT(model_name, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
            """,
            cancellationToken,
            ("@name", modelName),
            ("@alias", alias),
            ("@version", version),
            ("@at", at)).ConfigureAwait(false);
        await RegistryCommands.TouchModelAsync(connection, transaction, modelName, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    public async Task<bool> DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await RegistryCommands.ExecuteAsync(connection, null, "DELETE FROM model_aliases WHERE model_name = @name AND alias = @alias", cancellationToken, ("@name", modelName), ("@alias", alias)).ConfigureAwait(false) > 0;
    }

    public async Task<RegistryResult<RegisteredModel>> CreateModelAsync(NewRegisteredModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var at = MetadataValues.Timestamp(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        var inserted = await RegistryCommands.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO registered_models (name, created_at, updated_at, description, owner_team) VALUES (@name, @at, @at, @description, @team) ON CONFLICT(name) DO NOTHING",
            cancellationToken,
            ("@name", model.Name),
            ("@at", at),
            ("@description", model.Description),
            ("@team", model.OwnerTeam)).ConfigureAwait(false);
        if (inserted == 0)
        {
            return RegistryError.AlreadyExists($"Registered Model (name={model.Name}) already exists.");
        }

        foreach (var (key, value) in model.Tags)
        {
            await RegistryCommands.ExecuteAsync(connection, transaction, "INSERT INTO registered_model_tags (model_name, key, value) VALUES (@name, @key, @value)", cancellationToken, ("@name", model.Name), ("@key", key), ("@value", value)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await RegistryCommands.RequireModelAsync(connection, model.Name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RegisteredModel?> GetModelAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await RegistryCommands.FindModelAsync(connection, modelName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RegistryPage<RegisteredModel>> SearchModelsAsync(RegistryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RegistryRows.ModelColumns} FROM registered_models m" + RegistrySearchSql.Build(query, versions: false, command, _dialect);
        return Page(await RegistryRows.ReadModelsAsync(command, cancellationToken).ConfigureAwait(false), query);
    }

    public async Task<RegistryPage<ModelVersion>> SearchVersionsAsync(RegistryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RegistryRows.VersionColumns} FROM model_versions v" + RegistrySearchSql.Build(query, versions: true, command, _dialect);
        return Page(await RegistryRows.ReadVersionsAsync(command, cancellationToken).ConfigureAwait(false), query);
    }

    public async Task<RegistryResult<RegisteredModel>> RenameModelAsync(string modelName, string newName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        if (await RegistryCommands.FindModelAsync(connection, modelName, cancellationToken, transaction, _dialect).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        if (await RegistryCommands.FindModelAsync(connection, newName, cancellationToken, transaction, _dialect).ConfigureAwait(false) is not null)
        {
            return RegistryError.AlreadyExists($"Registered Model (name={newName}) already exists.");
        }

        // Children point at the name: check the foreign keys once every table has moved, at commit.
        await RegistryCommands.ExecuteAsync(connection, transaction, _dialect.DeferForeignKeys, cancellationToken).ConfigureAwait(false);
        foreach (var (table, column) in new[]
        {
            ("registered_models", "name"), ("model_versions", "model_name"), ("model_aliases", "model_name"), ("registered_model_tags", "model_name"),
            ("model_version_tags", "model_name"), ("model_approvals", "model_name"),
        })
        {
            await RegistryCommands.ExecuteAsync(connection, transaction, $"UPDATE {table} SET {column} = @new WHERE {column} = @old", cancellationToken, ("@new", newName), ("@old", modelName)).ConfigureAwait(false);
        }

        // The new name continues the old numbering; the old name keeps its mark too, so neither reuses a number.
        await RegistryCommands.ExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO model_version_counters (model_name, last_version)
            SELECT @new, last_version FROM model_version_counters WHERE model_name = @old
            ON CONFLICT(model_name) DO UPDATE SET last_version = {_dialect.Greatest("model_version_counters.last_version", "excluded.last_version")}
            """,
            cancellationToken,
            ("@new", newName),
            ("@old", modelName)).ConfigureAwait(false);
        await RegistryCommands.TouchModelAsync(connection, transaction, newName, MetadataValues.Timestamp(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await RegistryCommands.RequireModelAsync(connection, newName, cancellationToken).ConfigureAwait(false);
    }

    public Task<RegistryResult<RegisteredModel>> UpdateModelAsync(string modelName, string? description, CancellationToken cancellationToken) =>
        ChangeModelAsync(modelName, "UPDATE registered_models SET description = @value WHERE name = @name", cancellationToken, ("@value", description));

    public Task<RegistryResult<RegisteredModel>> SetModelTagAsync(string modelName, string key, string value, CancellationToken cancellationToken) =>
        ChangeModelAsync(
            modelName,
            "INSERT INTO registered_model_tags (model_name, key, value) VALUES (@name, @key, @value) ON CONFLICT(model_name, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("@key", key),
            ("@value", value));

    public Task<RegistryResult<RegisteredModel>> DeleteModelTagAsync(string modelName, string key, CancellationToken cancellationToken) =>
        ChangeModelAsync(modelName, "DELETE FROM registered_model_tags WHERE model_name = @name AND key = @key", cancellationToken, ("@key", key));

    public async Task<RegistryResult<bool>> DeleteModelAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        if (await RegistryCommands.FindModelAsync(connection, modelName, cancellationToken, transaction, _dialect).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        // Approvals stay: the audit trail of who signed what off outlives the model.
        foreach (var table in new[] { "model_aliases", "model_version_tags", "model_versions", "registered_model_tags" })
        {
            await RegistryCommands.ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE model_name = @name", cancellationToken, ("@name", modelName)).ConfigureAwait(false);
        }

        await RegistryCommands.ExecuteAsync(connection, transaction, "DELETE FROM registered_models WHERE name = @name", cancellationToken, ("@name", modelName)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<bool>.Ok(true);
    }

    public Task<RegistryResult<ModelVersion>> UpdateVersionAsync(string modelName, int version, string? description, CancellationToken cancellationToken) =>
        ChangeVersionAsync(modelName, version, "UPDATE model_versions SET description = @value WHERE model_name = @name AND version = @version", cancellationToken, ("@value", description));

    public Task<RegistryResult<ModelVersion>> SetVersionTagAsync(string modelName, int version, string key, string value, CancellationToken cancellationToken) =>
        ChangeVersionAsync(
            modelName,
            version,
            "INSERT INTO model_version_tags (model_name, version, key, value) VALUES (@name, @version, @key, @value) ON CONFLICT(model_name, version, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("@key", key),
            ("@value", value));

    public Task<RegistryResult<ModelVersion>> DeleteVersionTagAsync(string modelName, int version, string key, CancellationToken cancellationToken) =>
        ChangeVersionAsync(modelName, version, "DELETE FROM model_version_tags WHERE model_name = @name AND version = @version AND key = @key", cancellationToken, ("@key", key));

    public async Task<RegistryResult<ModelVersion>> TransitionStageAsync(string modelName, int version, ModelStage stage, bool archiveExisting, CancellationToken cancellationToken)
    {
        var at = MetadataValues.Timestamp(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        if (!await RegistryCommands.VersionExistsAsync(connection, transaction, _dialect, modelName, version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(modelName, version);
        }

        // MLflow archives only the others in the target stage, and only for Staging and Production.
        if (archiveExisting && stage is ModelStage.Staging or ModelStage.Production)
        {
            await RegistryCommands.ExecuteAsync(
                connection,
                transaction,
                "UPDATE model_versions SET stage = 'Archived', updated_at = @at WHERE model_name = @name AND stage = @stage AND version <> @version",
                cancellationToken,
                ("@name", modelName),
                ("@stage", RegistryNames.Stage(stage)),
                ("@version", version),
                ("@at", at)).ConfigureAwait(false);
        }

        await RegistryCommands.ExecuteAsync(
            connection,
            transaction,
            "UPDATE model_versions SET stage = @stage, updated_at = @at WHERE model_name = @name AND version = @version",
            cancellationToken,
            ("@name", modelName),
            ("@stage", RegistryNames.Stage(stage)),
            ("@version", version),
            ("@at", at)).ConfigureAwait(false);
        await RegistryCommands.TouchModelAsync(connection, transaction, modelName, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<ModelVersion>.Ok((await RegistryCommands.FirstVersionAsync(connection, "WHERE v.model_name = @name AND v.version = @version", cancellationToken, ("@name", modelName), ("@version", version)).ConfigureAwait(false))!);
    }

    public async Task<RegistryResult<bool>> DeleteVersionAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        if (!await RegistryCommands.VersionExistsAsync(connection, transaction, _dialect, modelName, version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(modelName, version);
        }

        foreach (var table in new[] { "model_aliases", "model_version_tags", "model_versions" })
        {
            await RegistryCommands.ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE model_name = @name AND version = @version", cancellationToken, ("@name", modelName), ("@version", version)).ConfigureAwait(false);
        }

        await RegistryCommands.TouchModelAsync(connection, transaction, modelName, MetadataValues.Timestamp(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<bool>.Ok(true);
    }

    public Task<RegistryResult<ModelVersion>> RecordApprovalAsync(ModelApproval approval, CancellationToken cancellationToken) =>
        SqlModelApprovals.RecordAsync(database, _dialect, approval, cancellationToken);

    public Task<IReadOnlyList<ModelApproval>> GetApprovalsAsync(string modelName, int version, CancellationToken cancellationToken) =>
        SqlModelApprovals.ListAsync(database, modelName, version, cancellationToken);

    private static RegistryPage<T> Page<T>(List<T> rows, RegistryQuery query)
    {
        var more = rows.Count > query.MaxResults;
        return new RegistryPage<T>(more ? rows.GetRange(0, query.MaxResults) : rows, more ? Core.Tracking.PageToken.Encode(query.Offset + query.MaxResults) : null);
    }

    private async Task<RegistryResult<RegisteredModel>> ChangeModelAsync(string modelName, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        if (await RegistryCommands.FindModelAsync(connection, modelName, cancellationToken, transaction, _dialect).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        await RegistryCommands.ExecuteAsync(connection, transaction, sql, cancellationToken, [("@name", modelName), .. parameters]).ConfigureAwait(false);
        await RegistryCommands.TouchModelAsync(connection, transaction, modelName, MetadataValues.Timestamp(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await RegistryCommands.RequireModelAsync(connection, modelName, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RegistryResult<ModelVersion>> ChangeVersionAsync(string modelName, int version, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var at = MetadataValues.Timestamp(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        if (!await RegistryCommands.VersionExistsAsync(connection, transaction, _dialect, modelName, version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(modelName, version);
        }

        await RegistryCommands.ExecuteAsync(connection, transaction, sql, cancellationToken, [("@name", modelName), ("@version", version), .. parameters]).ConfigureAwait(false);
        await RegistryCommands.ExecuteAsync(connection, transaction, "UPDATE model_versions SET updated_at = @at WHERE model_name = @name AND version = @version", cancellationToken, ("@at", at), ("@name", modelName), ("@version", version)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<ModelVersion>.Ok((await RegistryCommands.FirstVersionAsync(connection, "WHERE v.model_name = @name AND v.version = @version", cancellationToken, ("@name", modelName), ("@version", version)).ConfigureAwait(false))!);
    }

    private async Task<ModelVersion?> FirstVersionAsync(string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await RegistryCommands.FirstVersionAsync(connection, where, ct, parameters).ConfigureAwait(false);
    }

}
