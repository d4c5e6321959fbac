using ChurnOps.Core.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>What every ILoggedModelStore backend must do: pending on create, finalize once to a final state, newest-first pages.</summary>
public abstract class LoggedModelStoreContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The clock the backend under test must stamp creation and update times with.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected abstract Task<ILoggedModelStore> CreateStoreAsync();

    /// <summary>Creates an experiment in the same backend and returns its id.</summary>
    protected abstract Task<string> CreateExperimentAsync(string name);

    private static NewLoggedModel Model(string experimentId, string? name = "lgbm") =>
        new(experimentId, name, "sklearn", null, [new RunParam("lr", "0.1")], [new TrackingTag("team", "ds")]);

    [Fact]
    public async Task CreateAsync_ThenGet_PendingWithEveryField()
    {
        var store = await CreateStoreAsync();
        var experimentId = await CreateExperimentAsync("models");

        var created = (await store.CreateAsync(Model(experimentId), Ct)).Value!;
        var read = (await store.GetAsync(created.ModelId, Ct)).Value!;

        Assert.Equal(LoggedModelStatus.Pending, read.Status);
        Assert.Equal(experimentId, read.ExperimentId);
        Assert.Equal("lgbm", read.Name);
        Assert.Equal("sklearn", read.ModelType);
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), read.CreationTimestampMs);
        Assert.Equal([new RunParam("lr", "0.1")], read.Params);
        Assert.Equal([new TrackingTag("team", "ds")], read.Tags);
        Assert.Contains(created.ModelId, read.ArtifactUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NoName_GetsAGeneratedOneAndDistinctIds()
    {
        var store = await CreateStoreAsync();

        var a = (await store.CreateAsync(Model("0", name: null), Ct)).Value!;
        var b = (await store.CreateAsync(Model("0", name: null), Ct)).Value!;

        Assert.False(string.IsNullOrWhiteSpace(a.Name));
        Assert.NotEqual(a.ModelId, b.ModelId);
    }

    [Fact]
    public async Task EveryCall_UnknownModelOrExperiment_ResourceDoesNotExistAsValue()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.GetAsync("m-unknown", Ct)).Error?.Code);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.FinalizeAsync("m-unknown", LoggedModelStatus.Ready, Ct)).Error?.Code);
        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, (await store.CreateAsync(Model("424242"), Ct)).Error?.Code);
    }

    [Fact]
    public async Task FinalizeAsync_ReadyOrFailed_StoredAndNonFinalStatusRefused()
    {
        var store = await CreateStoreAsync();
        var ready = (await store.CreateAsync(Model("0"), Ct)).Value!;
        var failed = (await store.CreateAsync(Model("0"), Ct)).Value!;
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(LoggedModelStatus.Ready, (await store.FinalizeAsync(ready.ModelId, LoggedModelStatus.Ready, Ct)).Value!.Status);
        Assert.Equal(LoggedModelStatus.UploadFailed, (await store.FinalizeAsync(failed.ModelId, LoggedModelStatus.UploadFailed, Ct)).Value!.Status);
        Assert.Equal(TrackingErrorCode.InvalidParameterValue, (await store.FinalizeAsync(ready.ModelId, LoggedModelStatus.Pending, Ct)).Error?.Code);

        var read = (await store.GetAsync(ready.ModelId, Ct)).Value!;
        Assert.Equal(LoggedModelStatus.Ready, read.Status);
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), read.LastUpdatedTimestampMs);
        Assert.Equal(ready.CreationTimestampMs, read.CreationTimestampMs);
    }

    [Fact]
    public async Task SearchAsync_PageTokens_WalkEveryModelOnceNewestFirstOnlyGivenExperiments()
    {
        var store = await CreateStoreAsync();
        var experimentId = await CreateExperimentAsync("paging");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            created.Add((await store.CreateAsync(Model(experimentId, "m" + i), Ct)).Value!.ModelId);
        }

        await store.CreateAsync(Model("0", "elsewhere"), Ct);

        var seen = new List<string>();
        var offset = 0;
        for (var page = 0; page < 10; page++)
        {
            var result = (await store.SearchAsync([experimentId], 3, offset, Ct)).Value!;
            Assert.True(result.Models.Count <= 3);
            seen.AddRange(result.Models.Select(m => m.Name));
            if (result.NextPageToken is null)
            {
                break;
            }

            Assert.True(PageToken.TryDecode(result.NextPageToken, out offset, out _));
        }

        Assert.Equal(["m6", "m5", "m4", "m3", "m2", "m1", "m0"], seen);
        Assert.Equal(TrackingErrorCode.InvalidParameterValue, (await store.SearchAsync([experimentId], 0, 0, Ct)).Error?.Code);
    }

    [Fact]
    public async Task CreateAsync_Cancelled_ThrowsAndCreatesNothing()
    {
        var store = await CreateStoreAsync();
        var experimentId = await CreateExperimentAsync("cancel");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateAsync(Model(experimentId), cancelled.Token));

        Assert.Empty((await store.SearchAsync([experimentId], 10, 0, Ct)).Value!.Models);
    }
}
