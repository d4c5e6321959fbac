using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Registry;

/// <summary>The registry store's statements on an open connection (inside its transaction when given).</summary>
internal static class RegistryCommands
{
    public static async Task<int> NextVersionAsync(DbConnection connection, DbTransaction transaction, string modelName, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO model_version_counters (model_name, last_version)
            VALUES (@name, (SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_name = @name))
            ON CONFLICT(model_name) DO UPDATE SET last_version = model_version_counters.last_version + 1
            RETURNING last_version
            """;
        TrackingSql.Add(command, "@name", modelName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public static Task<int> TouchModelAsync(DbConnection connection, DbTransaction transaction, string modelName, string at, CancellationToken ct) =>
        ExecuteAsync(connection, transaction, "UPDATE registered_models SET updated_at = @at WHERE name = @name", ct, ("@at", at), ("@name", modelName));

    /// <summary>Whether the version exists; inside a write transaction its row stays locked until commit (<see cref="TrackingDialect.ForUpdate"/>).</summary>
    public static async Task<bool> VersionExistsAsync(DbConnection connection, DbTransaction? transaction, TrackingDialect dialect, string modelName, int version, CancellationToken ct)
    {
        await using var command = TrackingSql.Command(
            connection,
            transaction,
            "SELECT 1 FROM model_versions WHERE model_name = @name AND version = @version" + (transaction is null ? string.Empty : dialect.ForUpdate),
            ("@name", modelName),
            ("@version", version));
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    /// <summary>The model; inside a write transaction (given with its <paramref name="dialect"/>) its row stays locked until commit.</summary>
    public static async Task<RegisteredModel?> FindModelAsync(DbConnection connection, string modelName, CancellationToken ct, DbTransaction? transaction = null, TrackingDialect? dialect = null)
    {
        await using var command = TrackingSql.Command(
            connection,
            transaction,
            $"SELECT {RegistryRows.ModelColumns} FROM registered_models m WHERE m.name = @name" + (transaction is null ? string.Empty : dialect?.ForUpdate),
            ("@name", modelName));
        var models = await RegistryRows.ReadModelsAsync(command, ct).ConfigureAwait(false);
        return models.Count == 0 ? null : models[0];
    }

    public static async Task<RegistryResult<RegisteredModel>> RequireModelAsync(DbConnection connection, string modelName, CancellationToken ct) =>
        await FindModelAsync(connection, modelName, ct).ConfigureAwait(false) is { } model ? RegistryResult<RegisteredModel>.Ok(model) : RegistryError.ModelNotFound(modelName);

    public static async Task<List<ModelVersion>> QueryVersionsAsync(DbConnection connection, DbTransaction? transaction, string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = TrackingSql.Command(connection, transaction, $"SELECT {RegistryRows.VersionColumns} FROM model_versions v {where}", parameters);
        return await RegistryRows.ReadVersionsAsync(command, ct).ConfigureAwait(false);
    }

    public static Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        TrackingSql.ExecuteAsync(connection, transaction, sql, ct, parameters);

    public static Task<ModelVersion?> FirstVersionAsync(DbConnection connection, string where, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        FirstVersionAsync(connection, null, where, ct, parameters);

    public static async Task<ModelVersion?> FirstVersionAsync(DbConnection connection, DbTransaction? transaction, string where, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var list = await QueryVersionsAsync(connection, transaction, where, ct, parameters).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }
}
