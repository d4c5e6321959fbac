using System.Globalization;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Registry;

/// <summary>The registry store's statements on an open connection (inside its transaction when given).</summary>
internal static class SqliteRegistryCommands
{
    public static async Task<int> NextVersionAsync(SqliteConnection connection, SqliteTransaction transaction, string modelName, CancellationToken ct)
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

    public static Task<int> TouchModelAsync(SqliteConnection connection, SqliteTransaction transaction, string modelName, string at, CancellationToken ct) =>
        ExecuteAsync(connection, transaction, "UPDATE registered_models SET updated_at = $at WHERE name = $name", ct, ("$at", at), ("$name", modelName));

    public static async Task<bool> VersionExistsAsync(SqliteConnection connection, SqliteTransaction? transaction, string modelName, int version, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM model_versions WHERE model_name = $name AND version = $version";
        command.Parameters.AddWithValue("$name", modelName);
        command.Parameters.AddWithValue("$version", version);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    public static async Task<RegisteredModel?> FindModelAsync(SqliteConnection connection, string modelName, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {SqliteRegistryRows.ModelColumns} FROM registered_models m WHERE m.name = $name";
        command.Parameters.AddWithValue("$name", modelName);
        var models = await SqliteRegistryRows.ReadModelsAsync(command, ct).ConfigureAwait(false);
        return models.Count == 0 ? null : models[0];
    }

    public static async Task<RegistryResult<RegisteredModel>> RequireModelAsync(SqliteConnection connection, string modelName, CancellationToken ct) =>
        await FindModelAsync(connection, modelName, ct).ConfigureAwait(false) is { } model ? RegistryResult<RegisteredModel>.Ok(model) : RegistryError.ModelNotFound(modelName);

    public static async Task<List<ModelVersion>> QueryVersionsAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
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

    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
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

    public static Task<ModelVersion?> FirstVersionAsync(SqliteConnection connection, string where, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        FirstVersionAsync(connection, null, where, ct, parameters);

    public static async Task<ModelVersion?> FirstVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var list = await QueryVersionsAsync(connection, transaction, where, ct, parameters).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }
}
