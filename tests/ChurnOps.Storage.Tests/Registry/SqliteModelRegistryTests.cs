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

    private static async Task<SqliteModelRegistry> OpenAsync(TempDirectory temp, TimeProvider time)
    {
        var database = await SqliteMetadataDatabase.OpenAsync(temp.Sub("metadata.db"), SchemaMigrationCatalog.All, CancellationToken.None);
        return new SqliteModelRegistry(database, time);
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
}
