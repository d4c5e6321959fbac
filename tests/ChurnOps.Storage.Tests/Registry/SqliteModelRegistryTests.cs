using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Registry;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Registry;

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
    public async Task RegisterAsync_TwoVersions_NumbersFromOneAndKeepsLineage()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero));
        var registry = await OpenAsync(temp, time);

        var first = await registry.RegisterAsync(Version("r1"), CancellationToken.None);
        var second = await registry.RegisterAsync(Version("r2"), CancellationToken.None);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        var loaded = await registry.GetAsync("churn", 1, CancellationToken.None);
        Assert.Equal("r1", loaded!.RunId);
        Assert.Equal("v-123", loaded.Lineage.FeatureViewVersions["customer_features"]);
        Assert.Equal(0.87, loaded.Metrics["auc"]);
        Assert.Equal(time.GetUtcNow(), loaded.CreatedAt);
    }

    [Fact]
    public async Task SetAliasAsync_MovesBetweenVersions_AndRefusesUnknownVersion()
    {
        using var temp = new TempDirectory();
        var registry = await OpenAsync(temp, TimeProvider.System);
        await registry.RegisterAsync(Version("r1"), CancellationToken.None);
        await registry.RegisterAsync(Version("r2"), CancellationToken.None);

        Assert.True(await registry.SetAliasAsync("churn", "champion", 1, CancellationToken.None));
        Assert.True(await registry.SetAliasAsync("churn", "champion", 2, CancellationToken.None));
        Assert.False(await registry.SetAliasAsync("churn", "champion", 9, CancellationToken.None));

        Assert.Equal(2, (await registry.GetByAliasAsync("churn", "champion", CancellationToken.None))!.Version);
        Assert.Null(await registry.GetByAliasAsync("churn", "challenger", CancellationToken.None));
        Assert.Equal(2, (await registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
    }

    [Fact]
    public async Task RegisterAsync_Concurrent_GivesDistinctVersions()
    {
        using var temp = new TempDirectory();
        var registry = await OpenAsync(temp, TimeProvider.System);

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => registry.RegisterAsync(Version("r" + i), CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 8), versions.Select(v => v.Version).Order());
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
