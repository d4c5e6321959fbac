using ChurnOps.Core.Registry;
using ChurnOps.Platform.Serving;
using ChurnOps.Platform.Tests.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Serving;

public sealed class ServedModelCacheTests(ScoredModelFixture fixture) : IClassFixture<ScoredModelFixture>
{
    [Fact]
    public async Task GetAsync_AliasMoves_OldVersionUntilTheRefreshInterval_ThenTheNewOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var project = await TestProject.CreateAsync(time);
        var registry = project.Workspace.Registry;
        var v1 = await RegisterAsync(project, 1);
        var v2 = await RegisterAsync(project, 2);
        await registry.SetAliasAsync("churn", "champion", v1.Version, CancellationToken.None);
        var cache = new ServedModelCache(project.Workspace.Config, project.Workspace.Registry, project.Workspace.Artifacts, project.Workspace.Time);

        var first = await cache.GetAsync("churn", "champion", CancellationToken.None);
        await registry.SetAliasAsync("churn", "champion", v2.Version, CancellationToken.None);
        time.Advance(cache.RefreshInterval / 2);
        var beforeRefresh = await cache.GetAsync("churn", "champion", CancellationToken.None);
        time.Advance(cache.RefreshInterval);
        var afterRefresh = await cache.GetAsync("churn", "champion", CancellationToken.None);

        Assert.Equal(1, first.Model!.Version.Version);
        Assert.Same(first.Model, beforeRefresh.Model);
        Assert.Equal(2, afterRefresh.Model!.Version.Version);
    }

    [Fact]
    public async Task GetAsync_LoadThenAliasMoves_LogsLoadedThenSwappedOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var project = await TestProject.CreateAsync(time);
        var registry = project.Workspace.Registry;
        var v1 = await RegisterAsync(project, 1);
        var v2 = await RegisterAsync(project, 2);
        await registry.SetAliasAsync("churn", "champion", v1.Version, CancellationToken.None);
        var logger = new RecordingLogger();
        var cache = new ServedModelCache(project.Workspace.Config, project.Workspace.Registry, project.Workspace.Artifacts, project.Workspace.Time, logger);

        await cache.GetAsync("churn", "champion", CancellationToken.None);
        time.Advance(cache.RefreshInterval);
        await cache.GetAsync("churn", "champion", CancellationToken.None);
        await registry.SetAliasAsync("churn", "champion", v2.Version, CancellationToken.None);
        time.Advance(cache.RefreshInterval);
        await cache.GetAsync("churn", "champion", CancellationToken.None);

        Assert.Equal(
            [
                (LogLevel.Information, "Model churn@champion loaded: version 1, scored by compiled trees"),
                (LogLevel.Information, "Model churn@champion swapped: version 1 -> 2; requests in flight finish on 1"),
            ],
            logger.Events.Select(e => (e.Level, e.Message)));
    }

    [Fact]
    public async Task GetAsync_UnknownModelOrAlias_NamesWhatIsMissing()
    {
        await using var project = await TestProject.CreateAsync();
        await RegisterAsync(project, 1);
        var cache = new ServedModelCache(project.Workspace.Config, project.Workspace.Registry, project.Workspace.Artifacts, project.Workspace.Time);

        var unknownModel = await cache.GetAsync("no-such-model", "champion", CancellationToken.None);
        var unknownAlias = await cache.GetAsync("churn", "champion", CancellationToken.None);

        Assert.Equal("model 'no-such-model' is not registered", unknownModel.Error);
        Assert.Equal("model 'churn' has no version with alias 'champion'", unknownAlias.Error);
    }

    private async Task<ModelVersion> RegisterAsync(TestProject project, int n)
    {
        var artifact = $"models/churn/{n}/model.zip";
        await project.Workspace.Artifacts.WriteAsync(artifact, (s, ct) => fixture.Package.SaveAsync(s, ct), CancellationToken.None);
        var lineage = new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null);
        return await project.Workspace.Registry.RegisterAsync(new NewModelVersion("churn", $"run-{n}", artifact, "lightgbm", new Dictionary<string, double>(), lineage, "test", null), CancellationToken.None);
    }
}
