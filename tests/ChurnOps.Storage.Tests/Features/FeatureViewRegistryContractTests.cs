using ChurnOps.Core.Features;

namespace ChurnOps.Storage.Tests.Features;

/// <summary>What every IFeatureViewRegistry backend must do: versions kept forever, one current version per view, builds and progress.</summary>
public abstract class FeatureViewRegistryContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);

    protected abstract Task<IFeatureViewRegistry> CreateStoreAsync();

    private static FeatureViewDefinition View(string sql, string name = "amounts") =>
        new(name, "customer_id", "event_timestamp", "created_ts", TimeSpan.FromDays(7), "team", "about", $"features/{name}.sql",
            [new FeatureDefinition("amount", "how much", "DECIMAL(12,2)"), new FeatureDefinition("plan", null)], sql);

    private static RegisteredFeatureView Registered(string version, string sql = "SELECT 1", string name = "amounts") => new(View(sql, name), version, T0);

    [Fact]
    public async Task RegisterAsync_TwoVersions_CurrentIsLatestAndBothKept()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync([new RegisteredFeatureView(View("SELECT 1"), "v1", T0)], Ct);
        await registry.RegisterAsync([new RegisteredFeatureView(View("SELECT 2"), "v2", T0.AddHours(1))], Ct);

        var current = await registry.GetCurrentAsync("amounts", Ct);
        var first = await registry.GetVersionAsync("amounts", "v1", Ct);

        Assert.Equal("v2", current!.Version);
        Assert.Equal("SELECT 2", current.Definition.Sql);
        Assert.Equal(TimeSpan.FromDays(7), current.Definition.Ttl);
        Assert.Equal("created_ts", current.Definition.CreatedTimestampColumn);
        Assert.Equal(["amount", "plan"], current.Definition.FeatureNames);
        Assert.Equal(["DECIMAL(12,2)", "(none)"], current.Definition.Features.Select(f => f.StorageType ?? "(none)"));
        Assert.Equal(T0.AddHours(1), current.RegisteredAt);
        Assert.Equal("SELECT 1", first!.Definition.Sql);
        Assert.Single(await registry.ListCurrentAsync(Ct));
    }

    [Fact]
    public async Task GetAsync_UnknownViewOrVersion_Null()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync([Registered("v1")], Ct);

        Assert.Null(await registry.GetCurrentAsync("nope", Ct));
        Assert.Null(await registry.GetVersionAsync("amounts", "v9", Ct));
        Assert.Null(await registry.GetLastBuildAsync("amounts", Ct));
        Assert.Null(await registry.GetMaterializationAsync("amounts", Ct));
        Assert.Empty(await registry.GetStatisticsAsync(123_456, Ct));
    }

    [Fact]
    public async Task RegisterAsync_SeveralViews_ListCurrentInNameOrder()
    {
        var registry = await CreateStoreAsync();

        await registry.RegisterAsync([Registered("v1", name: "usage"), Registered("v1", name: "amounts"), Registered("v1", name: "plans")], Ct);

        Assert.Equal(["amounts", "plans", "usage"], (await registry.ListCurrentAsync(Ct)).Select(v => v.Definition.Name));
    }

    [Fact]
    public async Task RetireAsync_View_LeavesCurrentSetButKeepsItsVersions()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync([Registered("v1"), Registered("v1", name: "plans")], Ct);

        await registry.RetireAsync(["amounts"], Ct);

        Assert.Null(await registry.GetCurrentAsync("amounts", Ct));
        Assert.Equal(["plans"], (await registry.ListCurrentAsync(Ct)).Select(v => v.Definition.Name));
        Assert.NotNull(await registry.GetVersionAsync("amounts", "v1", Ct));

        await registry.RegisterAsync([Registered("v2")], Ct);
        Assert.Equal("v2", (await registry.GetCurrentAsync("amounts", Ct))?.Version);
    }

    [Fact]
    public async Task RecordBuildAsync_WithStatistics_RoundTripsBitExact()
    {
        var registry = await CreateStoreAsync();
        var numeric = new FeatureStatistics("amount", true, 10, 2, 0.1 + 0.2, Math.PI / 3, double.Epsilon, double.MaxValue, 3, [new HistogramBin(1.0 / 3, 2, null, 8)]);
        var text = new FeatureStatistics("plan", false, 10, 0, null, null, null, null, 2, [new HistogramBin(null, null, "pro ✓", 6), new HistogramBin(null, null, "basic", 4)]);
        var builtAt = T0.AddTicks(1_234_567);

        var build = await registry.RecordBuildAsync(new FeatureBuild(0, "amounts", "v1", T0, T0.AddDays(1), 10, 10, builtAt), [numeric, text], Ct);
        var last = await registry.GetLastBuildAsync("amounts", Ct);
        var stored = await registry.GetStatisticsAsync(build.Id, Ct);

        Assert.True(build.Id > 0);
        Assert.Equal(build, last);
        Assert.Equal(builtAt.UtcTicks, last!.BuiltAt.UtcTicks);
        Assert.Equal(2, stored.Count);
        var amount = stored.Single(s => s.Feature == "amount");
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.1 + 0.2), BitConverter.DoubleToInt64Bits(amount.Mean!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Math.PI / 3), BitConverter.DoubleToInt64Bits(amount.Std!.Value));
        Assert.Equal(double.Epsilon, amount.Min);
        Assert.Equal(double.MaxValue, amount.Max);
        Assert.Equal(1.0 / 3, Assert.Single(amount.Histogram).Lower);
        var plan = stored.Single(s => s.Feature == "plan");
        Assert.Null(plan.Mean);
        Assert.Equal(["pro ✓", "basic"], plan.Histogram.Select(h => h.Value));
    }

    [Fact]
    public async Task RecordBuildAsync_Several_LastIsNewestAndIdsIncrease()
    {
        var registry = await CreateStoreAsync();

        var first = await registry.RecordBuildAsync(new FeatureBuild(0, "amounts", "v1", null, null, 5, 5, T0), [], Ct);
        var second = await registry.RecordBuildAsync(new FeatureBuild(0, "amounts", "v1", T0, null, 2, 7, T0.AddHours(1)), [], Ct);
        await registry.RecordBuildAsync(new FeatureBuild(0, "plans", "v1", null, null, 1, 1, T0.AddHours(2)), [], Ct);

        Assert.True(second.Id > first.Id);
        Assert.Equal(second, await registry.GetLastBuildAsync("amounts", Ct));
    }

    [Fact]
    public async Task SaveMaterializationAsync_Twice_KeepsLatest()
    {
        var registry = await CreateStoreAsync();

        await registry.SaveMaterializationAsync(new MaterializationState("amounts", "v1", T0, 5, T0), Ct);
        await registry.SaveMaterializationAsync(new MaterializationState("amounts", "v2", null, 7, T0.AddHours(1).AddTicks(3)), Ct);

        Assert.Equal(new MaterializationState("amounts", "v2", null, 7, T0.AddHours(1).AddTicks(3)), await registry.GetMaterializationAsync("amounts", Ct));
    }

    [Fact]
    public async Task RegisterAsync_Cancelled_ThrowsAndRegistersNothing()
    {
        var registry = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => registry.RegisterAsync([Registered("v1"), Registered("v1", name: "plans")], cancelled.Token));

        Assert.Empty(await registry.ListCurrentAsync(Ct));
    }
}
