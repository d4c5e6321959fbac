namespace ChurnOps.Platform.Tests.Features;

/// <summary>The serving lookup: features for a model's views by entity key, refused on a version mismatch.</summary>
public sealed class OnlineFeatureVectorTests
{
    private static async Task<(FeatureProject Project, string Version)> MaterializedAsync()
    {
        var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync("""
            CREATE TABLE staging.source (customer_id VARCHAR, event_timestamp TIMESTAMP, amount DOUBLE);
            INSERT INTO staging.source VALUES ('A', '2024-01-01', 1), ('A', '2024-01-05', 2);
            CREATE TABLE staging.other (customer_id VARCHAR, event_timestamp TIMESTAMP, plan VARCHAR);
            INSERT INTO staging.other VALUES ('A', '2024-01-02', 'pro');
            """);
        await project.WriteViewAsync("amounts", "SELECT * FROM staging.source", features: ["amount"]);
        await project.WriteViewAsync("plans", "SELECT * FROM staging.other", features: ["plan"]);
        var apply = await project.Store.ApplyAsync(false, CancellationToken.None);
        Assert.True((await project.Store.BuildAsync(null, CancellationToken.None)).Succeeded);
        Assert.True((await project.Store.MaterializeAsync(false, CancellationToken.None)).Succeeded);
        return (project, apply.Views.Single(v => v.View == "amounts").Version);
    }

    [Fact]
    public async Task GetOnlineFeatureVectorAsync_ModelVersionsMatch_MergesViews()
    {
        var (project, _) = await MaterializedAsync();
        await using var owned = project;
        var current = (await project.Store.Registry.ListCurrentAsync(CancellationToken.None)).ToDictionary(v => v.Definition.Name, v => v.Version);

        var vector = await project.Store.GetOnlineFeatureVectorAsync(current, "A", CancellationToken.None);

        Assert.True(vector.Succeeded, vector.Error);
        Assert.Equal(2.0, vector.Values["amount"]);
        Assert.Equal("pro", vector.Values["plan"]);
        Assert.Equal(current, vector.Versions);
    }

    [Fact]
    public async Task GetOnlineFeatureVectorAsync_ModelTrainedOnOtherVersion_SaysWhichVersions()
    {
        var (project, version) = await MaterializedAsync();
        await using var owned = project;

        var vector = await project.Store.GetOnlineFeatureVectorAsync(new Dictionary<string, string> { ["amounts"] = "0000000000000000" }, "A", CancellationToken.None);

        Assert.False(vector.Succeeded);
        Assert.Equal($"feature view 'amounts' is served at version {version} but the model was trained on version 0000000000000000; build and materialize that version, or retrain the model on {version}", vector.Error);
    }

    [Fact]
    public async Task GetOnlineFeatureVectorAsync_UnknownEntity_NamesEntityAndView()
    {
        var (project, version) = await MaterializedAsync();
        await using var owned = project;

        var vector = await project.Store.GetOnlineFeatureVectorAsync(new Dictionary<string, string> { ["amounts"] = version }, "Z", CancellationToken.None);

        Assert.False(vector.Succeeded);
        Assert.Equal("no online features for entity 'Z' in view 'amounts' (is the view materialized? run 'churnops features materialize')", vector.Error);
    }

    [Fact]
    public async Task BuildAsync_Succeeds_AppendsBuiltEventPerView()
    {
        var (project, version) = await MaterializedAsync();
        await using var owned = project;

        var events = await project.Workspace.Events.ReadAfterAsync(0, 100, CancellationToken.None);

        var built = Assert.Single(events, e => e.Type == "features.amounts.built");
        Assert.Contains(version, built.PayloadJson, StringComparison.Ordinal);
        Assert.Single(events, e => e.Type == "features.plans.built");
    }
}
