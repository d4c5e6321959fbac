namespace ChurnOps.Platform.Tests.Features;

/// <summary>Bad definitions and inputs give one precise error and leave earlier state untouched.</summary>
public sealed class FeatureStoreBadInputTests
{
    private const string Source = """
        CREATE TABLE staging.source (customer_id VARCHAR, event_timestamp TIMESTAMP, amount VARCHAR);
        INSERT INTO staging.source VALUES ('A', '2024-01-01', '10'), ('B', '2024-01-02', '20');
        """;

    [Fact]
    public async Task BuildAsync_SqlFails_NamesViewFileAndCause()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("broken", "SELECT customer_id, event_timestamp, amount FROM staging.does_not_exist", features: ["amount"]);
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.False(build.Succeeded);
        Assert.StartsWith("broken: the SQL in features/broken.sql failed:", build.Error, StringComparison.Ordinal);
        Assert.Contains("does_not_exist", build.Error, StringComparison.Ordinal);
        Assert.False(await project.Workspace.Warehouse.TableExistsAsync("features", "broken", CancellationToken.None));
    }

    [Fact]
    public async Task BuildAsync_SqlFailsAtRuntime_KeepsPreviousTableAndNoStage()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("amounts", "SELECT customer_id, event_timestamp, CAST(amount AS INTEGER) AS amount FROM staging.source", features: ["amount"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);
        Assert.True((await project.Store.BuildAsync(null, CancellationToken.None)).Succeeded);
        await project.SqlAsync("INSERT INTO staging.source VALUES ('C', '2024-01-03', 'not a number')");

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.False(build.Succeeded);
        Assert.StartsWith("amounts: the SQL in features/amounts.sql failed:", build.Error, StringComparison.Ordinal);
        Assert.Equal(2L, await project.Workspace.Warehouse.ScalarAsync("SELECT COUNT(*) FROM features.amounts", CancellationToken.None));
        Assert.False(await project.Workspace.Warehouse.TableExistsAsync("features", "__stage_amounts", CancellationToken.None));
    }

    [Fact]
    public async Task BuildAsync_EntityKeyMissingFromSql_ListsWhatIsMissingAndWhatIsThere()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("nokey", "SELECT event_timestamp, amount FROM staging.source", features: ["amount", "ghost"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);

        var build = await project.Store.BuildAsync("nokey", CancellationToken.None);

        Assert.False(build.Succeeded);
        Assert.Equal("nokey: the SQL's result has no entity key column 'customer_id', feature column 'ghost' (it returns: event_timestamp, amount)", build.Error);
    }

    [Fact]
    public async Task ApplyAsync_TtlZero_RefusedWithFileAndField()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.WriteViewAsync("zero", "SELECT 1", ttl: "0d", features: ["amount"]);

        var apply = await project.Store.ApplyAsync(false, CancellationToken.None);

        Assert.False(apply.Succeeded);
        Assert.Equal("features/zero.yaml: ttl: '0d' must be greater than zero", apply.Error);
        Assert.Empty(await project.Store.Registry.ListCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_SeveralBadFields_ReportsEveryOne()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await File.WriteAllTextAsync(Path.Combine(project.FeaturesDir, "bad.yaml"), "name: bad view\nttl: 5x\nsource: features/missing.sql\nfeatures:\n  - name: a\n  - name: a\n");

        var apply = await project.Store.ApplyAsync(false, CancellationToken.None);

        Assert.False(apply.Succeeded);
        Assert.Contains("features/bad.yaml: ttl: '5x' has unknown unit 'x'", apply.Error, StringComparison.Ordinal);
        Assert.Contains("features/bad.yaml: source: 'features/missing.sql' not found", apply.Error, StringComparison.Ordinal);
        Assert.Contains("features/bad.yaml: name: 'bad view' must be letters, digits and underscores", apply.Error, StringComparison.Ordinal);
        Assert.Contains("features/bad.yaml: entity: is required", apply.Error, StringComparison.Ordinal);
        Assert.Contains("features/bad.yaml: features[1].name: 'a' is declared twice", apply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_UnknownYamlKey_NamesTheLine()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await File.WriteAllTextAsync(Path.Combine(project.FeaturesDir, "typo.yaml"), "name: typo\nentitty: customer_id\n");

        var apply = await project.Store.ApplyAsync(false, CancellationToken.None);

        Assert.False(apply.Succeeded);
        Assert.StartsWith("features/typo.yaml: line 2:", apply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrainingSetAsync_EntityRowsWithoutTimestamp_Refused()
    {
        await using var project = await BuiltProjectAsync();

        var set = await project.Store.GetTrainingSetAsync("SELECT 'A' AS customer_id, 1 AS churned", ["amounts"], CancellationToken.None);

        Assert.False(set.Succeeded);
        Assert.Equal("entity rows have no 'event_timestamp' column (columns: customer_id, churned)", set.Error);
    }

    [Fact]
    public async Task GetTrainingSetAsync_EntityRowsWithEmptyTimestamps_Refused()
    {
        await using var project = await BuiltProjectAsync();

        var set = await project.Store.GetTrainingSetAsync(
            "SELECT * FROM (VALUES ('A', NULL, 1), ('B', 'soon', 0), ('A', '2024-02-01', 0)) t(customer_id, event_timestamp, churned)", ["amounts"], CancellationToken.None);

        Assert.False(set.Succeeded);
        Assert.StartsWith("entity rows: 2 rows have an empty or unreadable 'event_timestamp'", set.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrainingSetAsync_EntityKeyMissing_NamesTheView()
    {
        await using var project = await BuiltProjectAsync();

        var set = await project.Store.GetTrainingSetAsync("SELECT 'A' AS id, TIMESTAMP '2024-02-01' AS event_timestamp", ["amounts"], CancellationToken.None);

        Assert.False(set.Succeeded);
        Assert.Equal("entity rows have no 'customer_id' column, the entity key of view 'amounts' (columns: id, event_timestamp)", set.Error);
    }

    [Fact]
    public async Task GetTrainingSetAsync_EntitySqlFails_ReportsCause()
    {
        await using var project = await BuiltProjectAsync();

        var set = await project.Store.GetTrainingSetAsync("SELECT * FROM staging.nothing_here", ["amounts"], CancellationToken.None);

        Assert.False(set.Succeeded);
        Assert.StartsWith("entity rows: ", set.Error, StringComparison.Ordinal);
        Assert.Contains("nothing_here", set.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrainingSetAsync_UnknownOrUnbuiltView_SaysWhatToRun()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("amounts", "SELECT * FROM staging.source", features: ["amount"]);
        await project.Store.ApplyAsync(false, CancellationToken.None);
        const string entities = "SELECT 'A' AS customer_id, TIMESTAMP '2024-02-01' AS event_timestamp";

        var unknown = await project.Store.GetTrainingSetAsync(entities, ["nope"], CancellationToken.None);
        var unbuilt = await project.Store.GetTrainingSetAsync(entities, ["amounts"], CancellationToken.None);

        Assert.Equal("feature view 'nope' is not registered (run 'churnops features apply')", unknown.Error);
        Assert.Equal("features.amounts has not been built (run 'churnops features build')", unbuilt.Error);
    }

    [Fact]
    public async Task GetTrainingSetAsync_BuiltWithOlderVersion_AsksForRebuild()
    {
        await using var project = await BuiltProjectAsync();
        await project.WriteViewAsync("amounts", "SELECT customer_id, event_timestamp, amount FROM staging.source WHERE amount <> '0'", features: ["amount"]);
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var set = await project.Store.GetTrainingSetAsync("SELECT 'A' AS customer_id, TIMESTAMP '2024-02-01' AS event_timestamp", ["amounts"], CancellationToken.None);

        Assert.False(set.Succeeded);
        Assert.Contains("was built with version", set.Error, StringComparison.Ordinal);
        Assert.Contains("run 'churnops features build amounts'", set.Error, StringComparison.Ordinal);
    }

    private static async Task<FeatureProject> BuiltProjectAsync()
    {
        var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("amounts", "SELECT * FROM staging.source", features: ["amount"]);
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);
        var build = await project.Store.BuildAsync(null, CancellationToken.None);
        Assert.True(build.Succeeded, build.Error);
        return project;
    }
}
