using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Registry;

namespace ChurnOps.Storage.Tests.Registry;

/// <summary>SQLite-specific behaviour; what every registry must do is in <see cref="ModelRegistryContractTests"/>.</summary>
public sealed class SqliteModelRegistryTests
{
    private static NewModelVersion Version(string run) => new(
        "churn",
        run,
        $"models/churn/{run}/model.zip",
        "lightgbm",
        new Dictionary<string, double> { ["auc"] = 0.87 },
        new ModelLineage("ds-abc", new Dictionary<string, string> { ["customer_features"] = "v-123" }, "ts-1", "git-1", 42, "churned", "{}"),
        "tester",
        null);

    private static async Task<SqlModelRegistry> OpenAsync(TempDirectory temp, TimeProvider time)
    {
        var database = await SqliteMetadataDatabase.OpenAsync(temp.Sub("metadata.db"), SchemaMigrationCatalog.All, CancellationToken.None);
        return new SqlModelRegistry(database, time);
    }

    [Fact]
    public async Task OpenAsync_Twice_AppliesMigrationsOnce()
    {
        using var temp = new TempDirectory();
        var registry = await OpenAsync(temp, TimeProvider.System);
        await registry.RegisterAsync(Version("r1"), CancellationToken.None);

        var reopened = await OpenAsync(temp, TimeProvider.System);

        Assert.Single(await reopened.ListVersionsAsync("churn", CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_RegistryFromBeforeApprovals_VersionsPendingAndNumbersContinue()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("metadata.db");
        var before = SchemaMigrationCatalog.All.Where(m => !(m.Area == "registry" && m.Version > 1)).ToList();
        var old = await SqliteMetadataDatabase.OpenAsync(path, before, CancellationToken.None);
        await using (var connection = await old.OpenConnectionAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO registered_models (name, created_at) VALUES ('churn', '2026-01-01T00:00:00.0000000+00:00');
                INSERT INTO model_versions (model_name, version, run_id, artifact_path, trainer, metrics, lineage, created_by, created_at)
                VALUES ('churn', 4, 'r4', 'p', 'lightgbm', '{"auc":0.8}', '{"featureViewVersions":{},"seed":42}', 'old', '2026-01-01T00:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        var registry = await OpenAsync(temp, TimeProvider.System);
        var migrated = (await registry.GetAsync("churn", 4, CancellationToken.None))!;
        await registry.DeleteVersionAsync("churn", 4, CancellationToken.None);
        var next = await registry.RegisterAsync(Version("r5"), CancellationToken.None);

        Assert.Equal(ModelVersionStatus.PendingApproval, migrated.Status);
        Assert.Equal(0.8, migrated.Metrics["auc"]);
        Assert.Equal(migrated.CreatedAt, migrated.UpdatedAt);
        Assert.Equal(5, next.Version);
    }
}
