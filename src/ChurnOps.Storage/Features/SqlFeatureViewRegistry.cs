using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Features;
using ChurnOps.Storage.Metadata;
using System.Data.Common;

namespace ChurnOps.Storage.Features;

/// <summary>Feature view versions, builds, statistics and materialization state in the metadata database (area "features").</summary>
public sealed class SqlFeatureViewRegistry(MetadataDatabase database) : IFeatureViewRegistry
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("features", 1, """
            CREATE TABLE feature_view_versions (
                view TEXT NOT NULL,
                version TEXT NOT NULL,
                definition TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                PRIMARY KEY (view, version));
            CREATE TABLE feature_views (
                name TEXT PRIMARY KEY,
                current_version TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                FOREIGN KEY (name, current_version) REFERENCES feature_view_versions(view, version));
            CREATE TABLE feature_builds (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                view TEXT NOT NULL,
                version TEXT NOT NULL,
                from_ts TEXT,
                to_ts TEXT,
                rows_written INTEGER NOT NULL,
                table_rows INTEGER NOT NULL,
                built_at TEXT NOT NULL);
            CREATE INDEX ix_feature_builds_view ON feature_builds(view, id);
            CREATE TABLE feature_statistics (
                build_id INTEGER NOT NULL REFERENCES feature_builds(id),
                feature TEXT NOT NULL,
                statistics TEXT NOT NULL,
                PRIMARY KEY (build_id, feature));
            CREATE TABLE feature_materializations (
                view TEXT PRIMARY KEY,
                version TEXT NOT NULL,
                watermark TEXT,
                entities INTEGER NOT NULL,
                materialized_at TEXT NOT NULL);
            """),
        // Statistics keep their given order through an explicit position (SQLite's rowid order has no PostgreSQL twin).
        new("features", 2, """
            ALTER TABLE feature_statistics ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
            UPDATE feature_statistics SET position = rowid;
            """)
        {
            PostgreSql = "ALTER TABLE feature_statistics ADD COLUMN position BIGINT NOT NULL DEFAULT 0;",
        },
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RegisterAsync(IReadOnlyList<RegisteredFeatureView> views, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(views);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, "features", cancellationToken).ConfigureAwait(false);
        foreach (var view in views)
        {
            await using (var version = connection.CreateCommand())
            {
                version.Transaction = transaction;
                version.CommandText = """
                    INSERT INTO feature_view_versions (view, version, definition, registered_at) VALUES (@view, @version, @definition, @at)
                    ON CONFLICT(view, version) DO UPDATE SET definition = excluded.definition
                    """;
                version.Value("@view", view.Definition.Name);
                version.Value("@version", view.Version);
                version.Value("@definition", JsonSerializer.Serialize(view.Definition, Json));
                version.Value("@at", MetadataValues.Timestamp(view.RegisteredAt));
                await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var current = connection.CreateCommand();
            current.Transaction = transaction;
            current.CommandText = """
                INSERT INTO feature_views (name, current_version, updated_at) VALUES (@view, @version, @at)
                ON CONFLICT(name) DO UPDATE SET current_version = excluded.current_version, updated_at = excluded.updated_at
                """;
            current.Value("@view", view.Definition.Name);
            current.Value("@version", view.Version);
            current.Value("@at", MetadataValues.Timestamp(view.RegisteredAt));
            await current.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RegisteredFeatureView?> GetCurrentAsync(string view, CancellationToken cancellationToken)
    {
        var list = await QueryViewsAsync(
            "SELECT v.definition, v.version, v.registered_at FROM feature_views f JOIN feature_view_versions v ON v.view = f.name AND v.version = f.current_version WHERE f.name = @view",
            [("@view", view)],
            cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task RetireAsync(IReadOnlyList<string> views, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(views);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, "features", cancellationToken).ConfigureAwait(false);
        foreach (var view in views)
        {
            foreach (var sql in (string[])["DELETE FROM feature_views WHERE name = @view", "DELETE FROM feature_materializations WHERE view = @view"])
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Value("@view", view);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<RegisteredFeatureView>> ListCurrentAsync(CancellationToken cancellationToken) =>
        QueryViewsAsync(
            "SELECT v.definition, v.version, v.registered_at FROM feature_views f JOIN feature_view_versions v ON v.view = f.name AND v.version = f.current_version ORDER BY f.name",
            [],
            cancellationToken);

    public async Task<RegisteredFeatureView?> GetVersionAsync(string view, string version, CancellationToken cancellationToken)
    {
        var list = await QueryViewsAsync(
            "SELECT definition, version, registered_at FROM feature_view_versions WHERE view = @view AND version = @version",
            [("@view", view), ("@version", version)],
            cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<FeatureBuild> RecordBuildAsync(FeatureBuild build, IReadOnlyList<FeatureStatistics> statistics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(statistics);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, "features", cancellationToken).ConfigureAwait(false);
        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO feature_builds (view, version, from_ts, to_ts, rows_written, table_rows, built_at)
                VALUES (@view, @version, @from, @to, @written, @rows, @at) RETURNING id
                """;
            insert.Value("@view", build.View);
            insert.Value("@version", build.Version);
            insert.Value("@from", build.From is { } f ? MetadataValues.Timestamp(f) : DBNull.Value);
            insert.Value("@to", build.To is { } t ? MetadataValues.Timestamp(t) : DBNull.Value);
            insert.Value("@written", build.RowsWritten);
            insert.Value("@rows", build.TableRows);
            insert.Value("@at", MetadataValues.Timestamp(build.BuiltAt));
            id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        for (var position = 0; position < statistics.Count; position++)
        {
            var statistic = statistics[position];
            await using var stat = connection.CreateCommand();
            stat.Transaction = transaction;
            stat.CommandText = "INSERT INTO feature_statistics (build_id, feature, statistics, position) VALUES (@id, @feature, @json, @position)";
            stat.Value("@id", id);
            stat.Value("@position", position);
            stat.Value("@feature", statistic.Feature);
            stat.Value("@json", JsonSerializer.Serialize(statistic, Json));
            await stat.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return build with { Id = id };
    }

    public async Task<FeatureBuild?> GetLastBuildAsync(string view, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, view, version, from_ts, to_ts, rows_written, table_rows, built_at FROM feature_builds WHERE view = @view ORDER BY id DESC LIMIT 1";
        command.Value("@view", view);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new FeatureBuild(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : MetadataValues.ParseTimestamp(reader.GetString(3)),
            reader.IsDBNull(4) ? null : MetadataValues.ParseTimestamp(reader.GetString(4)),
            reader.GetInt64(5),
            reader.GetInt64(6),
            MetadataValues.ParseTimestamp(reader.GetString(7)));
    }

    public async Task<IReadOnlyList<FeatureStatistics>> GetStatisticsAsync(long buildId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT statistics FROM feature_statistics WHERE build_id = @id ORDER BY position";
        command.Value("@id", buildId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<FeatureStatistics>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(JsonSerializer.Deserialize<FeatureStatistics>(reader.GetString(0), Json)!);
        }

        return result;
    }

    public async Task<MaterializationState?> GetMaterializationAsync(string view, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT view, version, watermark, entities, materialized_at FROM feature_materializations WHERE view = @view";
        command.Value("@view", view);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new MaterializationState(
            reader.GetString(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : MetadataValues.ParseTimestamp(reader.GetString(2)),
            reader.GetInt64(3),
            MetadataValues.ParseTimestamp(reader.GetString(4)));
    }

    public async Task SaveMaterializationAsync(MaterializationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feature_materializations (view, version, watermark, entities, materialized_at) VALUES (@view, @version, @watermark, @entities, @at)
            ON CONFLICT(view) DO UPDATE SET version = excluded.version, watermark = excluded.watermark, entities = excluded.entities, materialized_at = excluded.materialized_at
            """;
        command.Value("@view", state.View);
        command.Value("@version", state.Version);
        command.Value("@watermark", state.Watermark is { } w ? MetadataValues.Timestamp(w) : DBNull.Value);
        command.Value("@entities", state.Entities);
        command.Value("@at", MetadataValues.Timestamp(state.MaterializedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<RegisteredFeatureView>> QueryViewsAsync(string sql, IReadOnlyList<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Value(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<RegisteredFeatureView>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var definition = JsonSerializer.Deserialize<FeatureViewDefinition>(reader.GetString(0), Json)!;
            result.Add(new RegisteredFeatureView(definition, reader.GetString(1), MetadataValues.ParseTimestamp(reader.GetString(2))));
        }

        return result;
    }
}
