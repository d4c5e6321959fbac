using System.Text.Json;
using System.Text.Json.Serialization;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Registry;

/// <summary>Model versions and aliases in the metadata database. Versions are immutable rows; aliases are pointers.</summary>
public sealed class SqliteModelRegistry(SqliteMetadataDatabase database, TimeProvider time) : IModelRegistry
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("registry", 1, """
            CREATE TABLE registered_models (
                name TEXT PRIMARY KEY,
                created_at TEXT NOT NULL);
            CREATE TABLE model_versions (
                model_name TEXT NOT NULL REFERENCES registered_models(name),
                version INTEGER NOT NULL,
                run_id TEXT NOT NULL,
                artifact_path TEXT NOT NULL,
                trainer TEXT NOT NULL,
                metrics TEXT NOT NULL,
                lineage TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                description TEXT,
                PRIMARY KEY (model_name, version));
            CREATE TABLE model_aliases (
                model_name TEXT NOT NULL REFERENCES registered_models(name),
                alias TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (model_name, alias),
                FOREIGN KEY (model_name, version) REFERENCES model_versions(model_name, version));
            """),
    ];

    // Named literals: a metric can be NaN (precision on a split without positives) and must still register.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public async Task<ModelVersion> RegisterAsync(NewModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // IMMEDIATE: two registrations of the same model must not both read the same max(version).
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        await using (var model = connection.CreateCommand())
        {
            model.Transaction = transaction;
            model.CommandText = "INSERT INTO registered_models (name, created_at) VALUES ($name, $at) ON CONFLICT(name) DO NOTHING";
            model.Parameters.AddWithValue("$name", version.ModelName);
            model.Parameters.AddWithValue("$at", SqliteValues.Timestamp(now));
            await model.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int next;
        await using (var max = connection.CreateCommand())
        {
            max.Transaction = transaction;
            max.CommandText = "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_name = $name";
            max.Parameters.AddWithValue("$name", version.ModelName);
            next = Convert.ToInt32(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO model_versions (model_name, version, run_id, artifact_path, trainer, metrics, lineage, created_by, created_at, description)
                VALUES ($name, $version, $run, $path, $trainer, $metrics, $lineage, $by, $at, $description)
                """;
            insert.Parameters.AddWithValue("$name", version.ModelName);
            insert.Parameters.AddWithValue("$version", next);
            insert.Parameters.AddWithValue("$run", version.RunId);
            insert.Parameters.AddWithValue("$path", version.ArtifactPath);
            insert.Parameters.AddWithValue("$trainer", version.Trainer);
            insert.Parameters.AddWithValue("$metrics", JsonSerializer.Serialize(version.Metrics, Json));
            insert.Parameters.AddWithValue("$lineage", JsonSerializer.Serialize(version.Lineage, Json));
            insert.Parameters.AddWithValue("$by", version.CreatedBy);
            insert.Parameters.AddWithValue("$at", SqliteValues.Timestamp(now));
            insert.Parameters.AddWithValue("$description", (object?)version.Description ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ModelVersion(version.ModelName, next, version.RunId, version.ArtifactPath, version.Trainer, version.Metrics, version.Lineage, version.CreatedBy, now, version.Description);
    }

    public async Task<ModelVersion?> GetAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        var list = await QueryVersionsAsync("WHERE model_name = $name AND version = $version", cancellationToken, ("$name", modelName), ("$version", version)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<ModelVersion?> GetByAliasAsync(string modelName, string alias, CancellationToken cancellationToken)
    {
        var list = await QueryVersionsAsync(
            "WHERE model_name = $name AND version = (SELECT version FROM model_aliases WHERE model_name = $name AND alias = $alias)",
            cancellationToken,
            ("$name", modelName),
            ("$alias", alias)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken) =>
        QueryVersionsAsync("WHERE model_name = $name", cancellationToken, ("$name", modelName));

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
        if (await GetAsync(modelName, version, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO model_aliases (model_name, alias, version, updated_at) VALUES ($name, $alias, $version, $at)
            ON CONFLICT(model_name, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$name", modelName);
        command.Parameters.AddWithValue("$alias", alias);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$at", SqliteValues.Timestamp(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<IReadOnlyList<ModelVersion>> QueryVersionsAsync(string where, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT model_name, version, run_id, artifact_path, trainer, metrics, lineage, created_by, created_at, description FROM model_versions " + where + " ORDER BY version";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<ModelVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(new ModelVersion(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(5), Json) ?? [],
                JsonSerializer.Deserialize<ModelLineage>(reader.GetString(6), Json)!,
                reader.GetString(7),
                SqliteValues.ParseTimestamp(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return versions;
    }
}
