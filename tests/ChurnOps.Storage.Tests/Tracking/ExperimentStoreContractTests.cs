using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>What every IExperimentStore backend must do: unique names, the Default experiment "0", soft delete, paged search.</summary>
public abstract class ExperimentStoreContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The clock the backend under test must stamp creation and update times with.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(321));

    protected abstract Task<IExperimentStore> CreateStoreAsync();

    private static async Task<string> CreateAsync(IExperimentStore store, string name, params TrackingTag[] tags)
    {
        var created = await store.CreateExperimentAsync(name, null, tags, Ct);
        Assert.Null(created.Error);
        return created.Value!;
    }

    private static async Task<List<string>> WalkAsync(IExperimentStore store, string? filter, string[] orderBy, ViewType view, int pageSize)
    {
        var (clauses, _) = SearchFilterParser.ParseFilter(filter, SearchSchema.Experiments);
        var (order, _) = SearchFilterParser.ParseOrderBy(orderBy, SearchSchema.Experiments);
        var names = new List<string>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            Assert.True(PageToken.TryDecode(token, out var offset, out _));
            var result = (await store.SearchExperimentsAsync(new ExperimentQuery(clauses!, order!, view, pageSize, offset), Ct)).Value!;
            Assert.True(result.Experiments.Count <= pageSize);
            names.AddRange(result.Experiments.Select(e => e.Name));
            token = result.NextPageToken;
            if (token is null)
            {
                break;
            }
        }

        return names;
    }

    [Fact]
    public async Task CreateExperimentAsync_ThenGetByIdAndName_RoundTripsEveryField()
    {
        var store = await CreateStoreAsync();

        var id = await CreateAsync(store, "churn ✓", new TrackingTag("team", "ds"));
        var byId = (await store.GetExperimentAsync(id, Ct)).Value!;
        var byName = (await store.GetExperimentByNameAsync("churn ✓", Ct)).Value!;

        Assert.Equal(byId.ExperimentId, byName.ExperimentId);
        Assert.Equal(id, byId.ExperimentId);
        Assert.Equal("churn ✓", byId.Name);
        Assert.Equal(LifecycleStage.Active, byId.LifecycleStage);
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), byId.CreationTime);
        Assert.Equal([new TrackingTag("team", "ds")], byName.Tags);
        Assert.False(string.IsNullOrEmpty(byId.ArtifactLocation));
    }

    [Fact]
    public async Task CreateExperimentAsync_GivenArtifactLocation_KeptAsGiven()
    {
        var store = await CreateStoreAsync();

        var id = await CreateAsync(store, "with-location");
        var located = (await store.CreateExperimentAsync("located", "s3://bucket/churn", [], Ct)).Value!;

        Assert.Equal("s3://bucket/churn", (await store.GetExperimentAsync(located, Ct)).Value!.ArtifactLocation);
        Assert.NotEqual(id, located);
    }

    [Fact]
    public async Task DefaultExperiment_ExistsAsZeroAndCannotBeDeleted()
    {
        var store = await CreateStoreAsync();

        var zero = (await store.GetExperimentAsync("0", Ct)).Value!;

        Assert.Equal("Default", zero.Name);
        Assert.Equal(TrackingErrorCode.InvalidParameterValue, (await store.SetExperimentLifecycleAsync("0", LifecycleStage.Deleted, Ct))?.Code);
        Assert.Equal(LifecycleStage.Active, (await store.GetExperimentAsync("0", Ct)).Value!.LifecycleStage);
    }

    [Fact]
    public async Task EveryRead_UnknownExperiment_ResourceDoesNotExistAsValue()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.GetExperimentAsync("424242", Ct)).Error?.Code);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.GetExperimentAsync("not-a-number", Ct)).Error?.Code);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.GetExperimentByNameAsync("nope", Ct)).Error?.Code);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.RenameExperimentAsync("424242", "x", Ct))?.Code);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.SetExperimentTagAsync("424242", "k", "v", Ct))?.Code);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.SetExperimentLifecycleAsync("424242", LifecycleStage.Deleted, Ct))?.Code);
    }

    [Fact]
    public async Task CreateExperimentAsync_DuplicateNameOrBlank_RefusedAsValues()
    {
        var store = await CreateStoreAsync();
        await CreateAsync(store, "churn");

        Assert.Equal(TrackingErrorCode.ResourceAlreadyExists, (await store.CreateExperimentAsync("churn", null, [], Ct)).Error?.Code);
        Assert.Equal(TrackingErrorCode.InvalidParameterValue, (await store.CreateExperimentAsync("  ", null, [], Ct)).Error?.Code);
    }

    [Fact]
    public async Task CreateExperimentAsync_TwoWritersSameName_ExactlyOneCreated()
    {
        var store = await CreateStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.CreateExperimentAsync("race", null, [], Ct))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(TrackingErrorCode.ResourceAlreadyExists, r.Error!.Code));
    }

    [Fact]
    public async Task RenameExperimentAsync_ToFreeName_OldNameGoneAndTakenNameRefused()
    {
        var store = await CreateStoreAsync();
        var id = await CreateAsync(store, "old");
        await CreateAsync(store, "taken");
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await store.RenameExperimentAsync(id, "new", Ct));

        Assert.Equal(id, (await store.GetExperimentByNameAsync("new", Ct)).Value!.ExperimentId);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.GetExperimentByNameAsync("old", Ct)).Error?.Code);
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), (await store.GetExperimentAsync(id, Ct)).Value!.LastUpdateTime);
        Assert.Equal(TrackingErrorCode.ResourceAlreadyExists, (await store.RenameExperimentAsync(id, "taken", Ct))?.Code);
    }

    [Fact]
    public async Task SetExperimentTagAsync_SameKeyTwice_LastValueWins()
    {
        var store = await CreateStoreAsync();
        var id = await CreateAsync(store, "tagged");

        Assert.Null(await store.SetExperimentTagAsync(id, "owner", "ana", Ct));
        Assert.Null(await store.SetExperimentTagAsync(id, "owner", "bo", Ct));

        Assert.Equal([new TrackingTag("owner", "bo")], (await store.GetExperimentAsync(id, Ct)).Value!.Tags);
    }

    [Fact]
    public async Task SetExperimentLifecycleAsync_DeleteThenRestore_SearchFollowsAndNameStaysTaken()
    {
        var store = await CreateStoreAsync();
        var id = await CreateAsync(store, "soft");

        Assert.Null(await store.SetExperimentLifecycleAsync(id, LifecycleStage.Deleted, Ct));

        Assert.DoesNotContain("soft", await WalkAsync(store, null, [], ViewType.ActiveOnly, 100));
        Assert.Equal(["soft"], await WalkAsync(store, null, [], ViewType.DeletedOnly, 100));
        Assert.Equal(TrackingErrorCode.ResourceAlreadyExists, (await store.CreateExperimentAsync("soft", null, [], Ct)).Error?.Code);
        Assert.Equal(LifecycleStage.Deleted, (await store.GetExperimentAsync(id, Ct)).Value!.LifecycleStage);

        Assert.Null(await store.SetExperimentLifecycleAsync(id, LifecycleStage.Active, Ct));
        Assert.Contains("soft", await WalkAsync(store, null, [], ViewType.ActiveOnly, 100));
    }

    [Fact]
    public async Task SearchExperimentsAsync_PageTokens_WalkEveryExperimentOnceNewestFirst()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 7; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await CreateAsync(store, "e" + i);
        }

        var walked = await WalkAsync(store, "name LIKE 'e%'", [], ViewType.ActiveOnly, 3);
        var byName = await WalkAsync(store, "name LIKE 'e%'", ["name ASC"], ViewType.ActiveOnly, 2);

        Assert.Equal(["e6", "e5", "e4", "e3", "e2", "e1", "e0"], walked);
        Assert.Equal(["e0", "e1", "e2", "e3", "e4", "e5", "e6"], byName);
        Assert.Equal(TrackingErrorCode.InvalidParameterValue, (await store.SearchExperimentsAsync(new ExperimentQuery([], [], ViewType.All, 0, 0), Ct)).Error?.Code);
    }

    [Fact]
    public async Task CreateExperimentAsync_Cancelled_ThrowsAndCreatesNothing()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateExperimentAsync("never", null, [], cancelled.Token));

        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.GetExperimentByNameAsync("never", Ct)).Error?.Code);
    }
}
