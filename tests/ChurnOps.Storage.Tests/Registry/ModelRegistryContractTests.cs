using ChurnOps.Core.Registry;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Registry;

/// <summary>What every IModelRegistry backend must do: immutable numbered versions per model, and aliases that move.</summary>
public abstract class ModelRegistryContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The clock the backend under test must stamp versions with.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero).AddTicks(4_321));

    protected abstract Task<IModelRegistry> CreateStoreAsync();

    private static NewModelVersion Version(string run, string model = "churn", IReadOnlyDictionary<string, double>? metrics = null, string? description = null) => new(
        model,
        run,
        $"models/{model}/{run}/model.zip",
        "lightgbm",
        metrics ?? new Dictionary<string, double> { ["auc"] = 0.87 },
        new ModelLineage("ds-abc", new Dictionary<string, string> { ["customer_features"] = "v-123" }, "ts-1", "git-1", 42, "churned", """{"inputs":[]}"""),
        "tester",
        description);

    [Fact]
    public async Task RegisterAsync_TwoVersions_NumbersFromOneAndKeepsLineage()
    {
        var registry = await CreateStoreAsync();

        var first = await registry.RegisterAsync(Version("r1", description: "first ✓"), Ct);
        Time.Advance(TimeSpan.FromMinutes(5));
        var second = await registry.RegisterAsync(Version("r2"), Ct);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        var loaded = await registry.GetAsync("churn", 1, Ct);
        Assert.NotNull(loaded);
        Assert.Equal("r1", loaded.RunId);
        Assert.Equal("models/churn/r1/model.zip", loaded.ArtifactPath);
        Assert.Equal("lightgbm", loaded.Trainer);
        Assert.Equal("tester", loaded.CreatedBy);
        Assert.Equal("first ✓", loaded.Description);
        Assert.Null((await registry.GetAsync("churn", 2, Ct))!.Description);
        Assert.Equal("v-123", loaded.Lineage.FeatureViewVersions["customer_features"]);
        Assert.Equal(("ds-abc", "ts-1", "git-1", 42, "churned", """{"inputs":[]}"""),
            (loaded.Lineage.DatasetVersion, loaded.Lineage.TrainingSetHash, loaded.Lineage.CodeVersion, loaded.Lineage.Seed, loaded.Lineage.LabelColumn, loaded.Lineage.SignatureJson));
        Assert.Equal(0.87, loaded.Metrics["auc"]);
        Assert.Equal(first.CreatedAt.UtcTicks, loaded.CreatedAt.UtcTicks);
        Assert.Equal(Time.GetUtcNow().AddMinutes(-5).UtcTicks, loaded.CreatedAt.UtcTicks);
    }

    [Fact]
    public async Task RegisterAsync_MetricDoublesAcrossTheRange_ReadBackBitExact()
    {
        var registry = await CreateStoreAsync();
        var random = new Random(7);
        var values = Enumerable.Range(0, 200)
            .Select(i => (i % 3) switch
            {
                0 => random.NextDouble(),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FEFFFFFFFFFFFFF)),
                _ => -random.NextDouble() * Math.Pow(10, random.Next(-300, 300)),
            })
            .Concat([double.Epsilon, 1e-320, 0.0, -0.0, 0.1 + 0.2, double.MaxValue, double.MinValue])
            .ToList();
        var metrics = values.Select((v, i) => (Key: "m" + i, Value: v)).ToDictionary(m => m.Key, m => m.Value);

        await registry.RegisterAsync(Version("r1", metrics: metrics), Ct);
        var stored = (await registry.GetAsync("churn", 1, Ct))!.Metrics;

        Assert.Equal(metrics.Count, stored.Count);
        foreach (var (key, value) in metrics)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(stored[key]));
        }
    }

    [Fact]
    public async Task RegisterAsync_NonFiniteMetrics_RoundTrip()
    {
        // A test split without positives gives precision NaN; registering such a model must not fail.
        var registry = await CreateStoreAsync();
        var metrics = new Dictionary<string, double> { ["test_precision"] = double.NaN, ["pinf"] = double.PositiveInfinity, ["ninf"] = double.NegativeInfinity, ["auc"] = 0.5 };

        await registry.RegisterAsync(Version("r1", metrics: metrics), Ct);
        var stored = (await registry.GetAsync("churn", 1, Ct))!.Metrics;

        Assert.True(double.IsNaN(stored["test_precision"]));
        Assert.Equal(double.PositiveInfinity, stored["pinf"]);
        Assert.Equal(double.NegativeInfinity, stored["ninf"]);
        Assert.Equal(0.5, stored["auc"]);
    }

    [Fact]
    public async Task GetAsync_UnknownModelVersionOrAlias_NullOrEmpty()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);

        Assert.Null(await registry.GetAsync("churn", 2, Ct));
        Assert.Null(await registry.GetAsync("upsell", 1, Ct));
        Assert.Null(await registry.GetByAliasAsync("churn", "champion", Ct));
        Assert.Null(await registry.GetByAliasAsync("upsell", "champion", Ct));
        Assert.Empty(await registry.ListVersionsAsync("upsell", Ct));
        Assert.Empty(await registry.GetAliasesAsync("churn", Ct));
        Assert.False(await registry.SetAliasAsync("upsell", "champion", 1, Ct));
    }

    [Fact]
    public async Task RegisterAsync_SeveralModels_EachNumbersItsOwnVersionsAndListsThemInOrder()
    {
        var registry = await CreateStoreAsync();

        await registry.RegisterAsync(Version("a1", model: "churn"), Ct);
        await registry.RegisterAsync(Version("b1", model: "upsell"), Ct);
        await registry.RegisterAsync(Version("a2", model: "churn"), Ct);
        await registry.RegisterAsync(Version("a3", model: "churn"), Ct);

        Assert.Equal([1, 2, 3], (await registry.ListVersionsAsync("churn", Ct)).Select(v => v.Version));
        Assert.Equal(["a1", "a2", "a3"], (await registry.ListVersionsAsync("churn", Ct)).Select(v => v.RunId));
        Assert.Equal("b1", Assert.Single(await registry.ListVersionsAsync("upsell", Ct)).RunId);
    }

    [Fact]
    public async Task RegisterAsync_AfterReopen_ContinuesNumberingNeverReusing()
    {
        await (await CreateStoreAsync()).RegisterAsync(Version("r1"), Ct);
        await (await CreateStoreAsync()).RegisterAsync(Version("r2"), Ct);

        var third = await (await CreateStoreAsync()).RegisterAsync(Version("r3"), Ct);

        Assert.Equal(3, third.Version);
        Assert.Equal("r1", (await (await CreateStoreAsync()).GetAsync("churn", 1, Ct))!.RunId);
    }

    [Fact]
    public async Task SetAliasAsync_MovesBetweenVersions_AndRefusesUnknownVersion()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);
        await registry.RegisterAsync(Version("r2"), Ct);

        Assert.True(await registry.SetAliasAsync("churn", "champion", 1, Ct));
        Assert.True(await registry.SetAliasAsync("churn", "challenger", 1, Ct));
        Assert.True(await registry.SetAliasAsync("churn", "champion", 2, Ct));
        Assert.False(await registry.SetAliasAsync("churn", "champion", 9, Ct));

        Assert.Equal(2, (await registry.GetByAliasAsync("churn", "champion", Ct))!.Version);
        Assert.Null(await registry.GetByAliasAsync("churn", "shadow", Ct));
        var aliases = await registry.GetAliasesAsync("churn", Ct);
        Assert.Equal(2, aliases.Count);
        Assert.Equal(2, aliases["champion"]);
        Assert.Equal(1, aliases["challenger"]);
    }

    [Fact]
    public async Task RegisterAsync_TwoWritersAtOnce_GiveDistinctConsecutiveVersions()
    {
        var registry = await CreateStoreAsync();

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => registry.RegisterAsync(Version("r" + i), Ct))));

        Assert.Equal(Enumerable.Range(1, 8), versions.Select(v => v.Version).Order());
        var stored = await registry.ListVersionsAsync("churn", Ct);
        Assert.Equal(versions.OrderBy(v => v.Version).Select(v => v.RunId), stored.Select(v => v.RunId));
    }

    [Fact]
    public async Task RegisterAsync_TwoStoresOnOneDatabaseAtOnce_NeverShareANumber()
    {
        // Two store instances are two processes' worth of connections (on PostgreSQL, two replicas' pools); the first
        // version of a new model is the race where no counter row exists yet.
        var one = await CreateStoreAsync();
        var two = await CreateStoreAsync();

        var versions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => (i % 2 == 0 ? one : two).RegisterAsync(Version("r" + i, model: "raced"), Ct))));

        Assert.Equal(Enumerable.Range(1, 12), versions.Select(v => v.Version).Order());
        Assert.Equal(Enumerable.Range(1, 12), (await two.ListVersionsAsync("raced", Ct)).Select(v => v.Version));
    }

    [Fact]
    public async Task RegisterAsync_Cancelled_ThrowsAndRegistersNothing()
    {
        var registry = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => registry.RegisterAsync(Version("r1"), cancelled.Token));

        Assert.Empty(await registry.ListVersionsAsync("churn", Ct));
        Assert.Equal(1, (await registry.RegisterAsync(Version("r2"), Ct)).Version);
    }
}
