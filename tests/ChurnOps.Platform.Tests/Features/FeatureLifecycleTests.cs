using ChurnOps.Core.Registry;
using ChurnOps.Platform.Features;

namespace ChurnOps.Platform.Tests.Features;

/// <summary>Versions tied to serving models, windowed builds and incremental materialization.</summary>
public sealed class FeatureLifecycleTests
{
    private const string Source = """
        CREATE TABLE staging.source (customer_id VARCHAR, event_timestamp TIMESTAMP, amount DOUBLE);
        INSERT INTO staging.source VALUES ('A', '2024-01-01', 1), ('A', '2024-01-05', 2), ('B', '2024-01-03', 3);
        """;

    private const string ViewSql = "SELECT customer_id, event_timestamp, amount FROM staging.source";

    [Fact]
    public async Task ApplyAsync_BreakingChangeToServingModelsView_RefusedWithoutForceAndNamesModel()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        var first = await project.Store.ApplyAsync(false, CancellationToken.None);
        await ServeModelAsync(project, "amounts", first.Views[0].Version);
        await project.WriteViewAsync("amounts", ViewSql + " WHERE amount > 1", features: ["amount"]);

        var refused = await project.Store.ApplyAsync(false, CancellationToken.None);
        var stillCurrent = await project.Store.Registry.GetCurrentAsync("amounts", CancellationToken.None);
        var forced = await project.Store.ApplyAsync(true, CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Equal("amounts: SQL changed would break serving model(s) churn v1 (champion) (nothing applied; use --force to apply anyway)", refused.Error);
        Assert.Equal(FeatureViewApplyStatus.Refused, refused.Views[0].Status);
        Assert.Equal(first.Views[0].Version, stillCurrent!.Version);
        Assert.True(forced.Succeeded, forced.Error);
        Assert.Equal(FeatureViewApplyStatus.Updated, forced.Views[0].Status);
        Assert.NotEqual(first.Views[0].Version, forced.Views[0].Version);
    }

    [Fact]
    public async Task ApplyAsync_ViewFileDeleted_LeavesTheCurrentSet_ButKeepsItsVersionForLineage()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        await project.WriteViewAsync("doubled", "SELECT customer_id, event_timestamp, amount * 2 AS doubled FROM staging.source", features: ["doubled"]);
        var first = await project.Store.ApplyAsync(false, CancellationToken.None);
        var doubledVersion = first.Views.Single(v => v.View == "doubled").Version;
        File.Delete(Path.Combine(project.FeaturesDir, "doubled.yaml"));
        File.Delete(Path.Combine(project.FeaturesDir, "doubled.sql"));

        var second = await project.Store.ApplyAsync(false, CancellationToken.None);

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(FeatureViewApplyStatus.Removed, second.Views.Single(v => v.View == "doubled").Status);
        Assert.Equal(FeatureViewApplyStatus.Unchanged, second.Views.Single(v => v.View == "amounts").Status);
        Assert.Null(await project.Store.Registry.GetCurrentAsync("doubled", CancellationToken.None));
        Assert.Equal(["amounts"], (await project.Store.Registry.ListCurrentAsync(CancellationToken.None)).Select(v => v.Definition.Name));
        Assert.NotNull(await project.Store.Registry.GetVersionAsync("doubled", doubledVersion, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_ViewFileDeletedWhileAModelServesOnIt_RefusedWithoutForce()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        await project.WriteViewAsync("doubled", "SELECT customer_id, event_timestamp, amount * 2 AS doubled FROM staging.source", features: ["doubled"]);
        var first = await project.Store.ApplyAsync(false, CancellationToken.None);
        await ServeModelAsync(project, "doubled", first.Views.Single(v => v.View == "doubled").Version);
        File.Delete(Path.Combine(project.FeaturesDir, "doubled.yaml"));
        File.Delete(Path.Combine(project.FeaturesDir, "doubled.sql"));

        var refused = await project.Store.ApplyAsync(false, CancellationToken.None);
        var stillCurrent = await project.Store.Registry.GetCurrentAsync("doubled", CancellationToken.None);
        var forced = await project.Store.ApplyAsync(true, CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Equal("doubled: view definition removed would break serving model(s) churn v1 (champion) (nothing applied; use --force to apply anyway)", refused.Error);
        Assert.NotNull(stillCurrent);
        Assert.True(forced.Succeeded, forced.Error);
        Assert.Null(await project.Store.Registry.GetCurrentAsync("doubled", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_TtlOnlyChangeToServingModelsView_Applied()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        var first = await project.Store.ApplyAsync(false, CancellationToken.None);
        await ServeModelAsync(project, "amounts", first.Views[0].Version);
        await project.WriteViewAsync("amounts", ViewSql, ttl: "20d", features: ["amount"]);

        var second = await project.Store.ApplyAsync(false, CancellationToken.None);

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(FeatureViewApplyStatus.Updated, second.Views[0].Status);
    }

    [Fact]
    public async Task ApplyAsync_ModelWithoutAlias_DoesNotBlockChanges()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        var first = await project.Store.ApplyAsync(false, CancellationToken.None);
        await ServeModelAsync(project, "amounts", first.Views[0].Version, alias: null);
        await project.WriteViewAsync("amounts", ViewSql + " WHERE amount > 1", features: ["amount"]);

        var second = await project.Store.ApplyAsync(false, CancellationToken.None);

        Assert.True(second.Succeeded, second.Error);
    }

    [Fact]
    public async Task BuildAsync_Window_ReplacesOnlyThatWindow()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);
        await project.Store.BuildAsync(null, CancellationToken.None);
        await project.SqlAsync("UPDATE staging.source SET amount = amount * 10; INSERT INTO staging.source VALUES ('C', '2024-01-04', 4)");

        var build = await project.Store.BuildAsync("amounts", Utc(2024, 1, 3), Utc(2024, 1, 5), CancellationToken.None);

        Assert.True(build.Succeeded, build.Error);
        Assert.Equal(2, build.Views[0].RowsWritten);
        Assert.Equal(4, build.Views[0].TableRows);
        var rows = await project.Workspace.Warehouse.QueryAsync("SELECT customer_id, amount FROM features.amounts ORDER BY event_timestamp", CancellationToken.None);
        // 01-01 and 01-05 are outside [01-03, 01-05): still the first build's values.
        Assert.Equal([1.0, 30, 4, 2], rows["amount"].Numbers!);
    }

    [Fact]
    public async Task BuildAsync_WindowAfterVersionChange_AsksForFullBuild()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);
        await project.Store.BuildAsync(null, CancellationToken.None);
        await project.WriteViewAsync("amounts", ViewSql + " WHERE amount > 0", features: ["amount"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);

        var build = await project.Store.BuildAsync("amounts", Utc(2024, 1, 3), null, CancellationToken.None);

        Assert.False(build.Succeeded);
        Assert.Contains("run a full build (without --from/--to) first", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaterializeAsync_Incremental_WritesOnlyNewerRowsAndKeepsOthers()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);
        await project.Store.BuildAsync(null, CancellationToken.None);
        var full = await project.Store.MaterializeAsync(false, CancellationToken.None);
        await project.SqlAsync("INSERT INTO staging.source VALUES ('B', '2024-01-09', 9), ('A', '2024-01-04', 99)");
        await project.Store.BuildAsync(null, CancellationToken.None);

        var incremental = await project.Store.MaterializeAsync(true, CancellationToken.None);
        var a = await project.Store.GetOnlineFeaturesAsync("amounts", "A", CancellationToken.None);
        var b = await project.Store.GetOnlineFeaturesAsync("amounts", "B", CancellationToken.None);

        Assert.Equal(2, full.Views[0].EntitiesWritten);
        Assert.True(incremental.Succeeded, incremental.Error);
        Assert.False(incremental.Views[0].Full);
        Assert.Equal(1, incremental.Views[0].EntitiesWritten);
        Assert.Equal(2, incremental.Views[0].EntitiesOnline);
        Assert.Equal(2.0, a!.Values["amount"]);
        Assert.Equal(9.0, b!.Values["amount"]);
        Assert.Equal(Utc(2024, 1, 9), incremental.Views[0].Watermark);
    }

    [Fact]
    public async Task MaterializeAsync_NothingBuilt_Refused()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("amounts", ViewSql, features: ["amount"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);

        var result = await project.Store.MaterializeAsync(false, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("no feature view has been built (run 'churnops features build')", result.Error);
        Assert.Equal(["amounts: not built"], result.SkippedViews);
    }

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static async Task ServeModelAsync(FeatureProject project, string view, string version, string? alias = "champion")
    {
        var lineage = new ModelLineage(null, new Dictionary<string, string> { [view] = version }, "hash", null, 42, "churned", null);
        var model = await project.Workspace.Registry.RegisterAsync(
            new NewModelVersion("churn", "run-1", "models/churn/1", "lightgbm", new Dictionary<string, double>(), lineage, "test", null), CancellationToken.None);
        if (alias is not null)
        {
            Assert.True(await project.Workspace.Registry.SetAliasAsync("churn", alias, model.Version, CancellationToken.None));
        }
    }
}
