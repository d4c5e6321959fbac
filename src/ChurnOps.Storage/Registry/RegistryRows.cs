using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Registry;

/// <summary>Reads registry rows (with their tags) into domain records; the JSON columns round-trip doubles bit-exact.</summary>
internal static class RegistryRows
{
    public const string VersionColumns =
        "v.model_name, v.version, v.run_id, v.artifact_path, v.trainer, v.metrics, v.lineage, v.created_by, v.created_at, v.description, v.status, v.stage, v.source, v.gates, v.run_link, v.updated_at, v.artifact_sha256";

    public const string ModelColumns = "m.name, m.description, m.owner_team, m.created_at, m.updated_at";

    // Named literals: a metric can be NaN (precision on a split without positives) and must still register.
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<List<ModelVersion>> ReadVersionsAsync(DbCommand command, CancellationToken ct)
    {
        var versions = new List<ModelVersion>();
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var created = MetadataValues.ParseTimestamp(reader.GetString(8));
                versions.Add(new ModelVersion(
                    reader.GetString(0),
                    reader.GetInt32(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(5), Json) ?? [],
                    JsonSerializer.Deserialize<ModelLineage>(reader.GetString(6), Json)!,
                    reader.GetString(7),
                    created,
                    reader.IsDBNull(9) ? null : reader.GetString(9))
                {
                    Status = RegistryNames.ParseStatus(reader.GetString(10)),
                    Stage = RegistryNames.TryParseStage(reader.GetString(11), out var stage) ? stage : ModelStage.None,
                    Source = reader.IsDBNull(12) ? null : reader.GetString(12),
                    Gates = reader.IsDBNull(13) ? null : JsonSerializer.Deserialize<GateVerdict>(reader.GetString(13), Json),
                    RunLink = reader.IsDBNull(14) ? null : reader.GetString(14),
                    UpdatedAt = reader.IsDBNull(15) ? created : MetadataValues.ParseTimestamp(reader.GetString(15)),
                    ArtifactSha256 = reader.IsDBNull(16) ? null : reader.GetString(16),
                });
            }
        }

        if (versions.Count == 0)
        {
            return versions;
        }

        var tags = await ReadTagsAsync(command.Connection!, command.Transaction, "model_version_tags", versions.Select(v => v.ModelName), ct).ConfigureAwait(false);
        return versions.Select(v => tags.TryGetValue((v.ModelName, v.Version), out var t) ? v with { Tags = t } : v).ToList();
    }

    public static async Task<List<RegisteredModel>> ReadModelsAsync(DbCommand command, CancellationToken ct)
    {
        var models = new List<RegisteredModel>();
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var created = MetadataValues.ParseTimestamp(reader.GetString(3));
                models.Add(new RegisteredModel(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    new Dictionary<string, string>(),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    created,
                    reader.IsDBNull(4) ? created : MetadataValues.ParseTimestamp(reader.GetString(4))));
            }
        }

        if (models.Count == 0)
        {
            return models;
        }

        var tags = await ReadTagsAsync(command.Connection!, command.Transaction, "registered_model_tags", models.Select(m => m.Name), ct).ConfigureAwait(false);
        return models.Select(m => tags.TryGetValue((m.Name, 0), out var t) ? m with { Tags = t } : m).ToList();
    }

    /// <summary>Tags of every row under the given model names, keyed by (model, version); model tags use version 0.</summary>
    private static async Task<Dictionary<(string, int), Dictionary<string, string>>> ReadTagsAsync(
        DbConnection connection, DbTransaction? transaction, string table, IEnumerable<string> modelNames, CancellationToken ct)
    {
        var names = modelNames.Distinct(StringComparer.Ordinal).ToList();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = names.Select((n, i) => "@n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            TrackingSql.Add(command, parameters[i], names[i]);
        }

        var version = table == "model_version_tags" ? "version" : "0";
        command.CommandText = $"SELECT model_name, {version}, key, value FROM {table} WHERE model_name IN ({string.Join(", ", parameters)}) ORDER BY key";
        var tags = new Dictionary<(string, int), Dictionary<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var key = (reader.GetString(0), reader.GetInt32(1));
            if (!tags.TryGetValue(key, out var map))
            {
                tags[key] = map = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            map[reader.GetString(2)] = reader.GetString(3);
        }

        return tags;
    }
}
