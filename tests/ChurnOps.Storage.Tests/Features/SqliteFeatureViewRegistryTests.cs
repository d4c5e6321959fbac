using ChurnOps.Core.Features;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tests.Features;

public sealed class SqliteFeatureViewRegistryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "churnops-fvreg-" + Guid.NewGuid().ToString("N"));

    private async Task<SqliteFeatureViewRegistry> OpenAsync()
    {
        var database = await SqliteMetadataDatabase.OpenAsync(Path.Combine(_dir, "metadata.db"), SchemaMigrationCatalog.All, CancellationToken.None);
        return new SqliteFeatureViewRegistry(database);
    }

    private static FeatureViewDefinition View(string sql) =>
        new("amounts", "customer_id", "event_timestamp", "created_ts", TimeSpan.FromDays(7), "team", "about", "features/amounts.sql",
            [new FeatureDefinition("amount", "how much"), new FeatureDefinition("plan", null)], sql);

    [Fact]
    public async Task RegisterAsync_TwoVersions_CurrentIsLatestAndBothKept()
    {
        var registry = await OpenAsync();
        await registry.RegisterAsync([new RegisteredFeatureView(View("SELECT 1"), "v1", T0)], CancellationToken.None);
        await registry.RegisterAsync([new RegisteredFeatureView(View("SELECT 2"), "v2", T0.AddHours(1))], CancellationToken.None);

        var current = await registry.GetCurrentAsync("amounts", CancellationToken.None);
        var first = await registry.GetVersionAsync("amounts", "v1", CancellationToken.None);

        Assert.Equal("v2", current!.Version);
        Assert.Equal("SELECT 2", current.Definition.Sql);
        Assert.Equal(TimeSpan.FromDays(7), current.Definition.Ttl);
        Assert.Equal("created_ts", current.Definition.CreatedTimestampColumn);
        Assert.Equal(["amount", "plan"], current.Definition.FeatureNames);
        Assert.Equal("SELECT 1", first!.Definition.Sql);
        Assert.Single(await registry.ListCurrentAsync(CancellationToken.None));
        Assert.Null(await registry.GetCurrentAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task RecordBuildAsync_WithStatistics_RoundTrips()
    {
        var registry = await OpenAsync();
        var stats = new FeatureStatistics("amount", true, 10, 2, 1.5, 0.5, 1, 2, 3, [new HistogramBin(1, 2, null, 8)]);

        var build = await registry.RecordBuildAsync(new FeatureBuild(0, "amounts", "v1", T0, null, 10, 10, T0), [stats], CancellationToken.None);
        var last = await registry.GetLastBuildAsync("amounts", CancellationToken.None);
        var stored = await registry.GetStatisticsAsync(build.Id, CancellationToken.None);

        Assert.True(build.Id > 0);
        Assert.Equal(build, last);
        var only = Assert.Single(stored);
        Assert.Equal(stats.Mean, only.Mean);
        Assert.Equal(8, Assert.Single(only.Histogram).Count);
    }

    [Fact]
    public async Task SaveMaterializationAsync_Twice_KeepsLatest()
    {
        var registry = await OpenAsync();

        await registry.SaveMaterializationAsync(new MaterializationState("amounts", "v1", T0, 5, T0), CancellationToken.None);
        await registry.SaveMaterializationAsync(new MaterializationState("amounts", "v2", null, 7, T0.AddHours(1)), CancellationToken.None);

        Assert.Equal(new MaterializationState("amounts", "v2", null, 7, T0.AddHours(1)), await registry.GetMaterializationAsync("amounts", CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
