using ChurnOps.Core.Features;
using ChurnOps.Core.Stores;
using ChurnOps.Storage.Features.Redis;
using StackExchange.Redis;

namespace ChurnOps.Storage.Tests.Features;

/// <summary>What the Redis online store adds to the contract: the atomic switch of generations, key namespaces, TTL, and failures as one line.</summary>
public sealed class RedisOnlineStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private ConnectionMultiplexer _connection = null!;
    private RedisLocation _location = null!;

    public async Task InitializeAsync()
    {
        RedisLocation.TryParse(await RedisTestServer.UrlAsync(), out var location, out _);
        _location = location!;
        _connection = await ConnectionMultiplexer.ConnectAsync($"{_location.Host}:{_location.Port}");
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    private static OnlineFeatureRecord Record(string entity, double amount, string version = "v1") =>
        new("amounts", version, entity, T0, new Dictionary<string, object?> { ["amount"] = amount });

    private RedisOnlineStore Store(string project, TimeSpan? ttl = null, Func<int, Task>? afterBatches = null) =>
        new(_connection.GetDatabase(), project, ttl, _location.ToString()) { BatchSize = 10, BatchesInFlight = 2, AfterBatchesWritten = afterBatches };

    private List<string> KeysOf(string project) =>
        _connection.GetServer(_location.Host, _location.Port).Keys(pattern: $"churnops:{project}:*").Select(k => k.ToString()).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task WriteAsync_ReplaceViewInBatches_ReadersSeeTheOldViewUntilTheSwitch()
    {
        var project = "switch-" + Guid.NewGuid().ToString("N");
        var old = Enumerable.Range(0, 30).Select(i => Record("old-" + i, i)).ToArray();
        await Store(project).WriteAsync("amounts", old, replaceView: true, CancellationToken.None);
        var seenDuringWrite = new List<(int Written, long Count, bool OldVisible, bool NewVisible)>();
        var reader = Store(project);
        var writer = Store(project, afterBatches: async written => seenDuringWrite.Add((
            written,
            await reader.CountAsync("amounts", CancellationToken.None),
            await reader.ReadAsync("amounts", "old-0", CancellationToken.None) is not null,
            await reader.ReadAsync("amounts", "new-0", CancellationToken.None) is not null)));

        await writer.WriteAsync("amounts", Enumerable.Range(0, 100).Select(i => Record("new-" + i, i, "v2")).ToArray(), replaceView: true, CancellationToken.None);

        Assert.Equal([20, 40, 60, 80, 100], seenDuringWrite.Select(s => s.Written));
        Assert.All(seenDuringWrite, s => Assert.Equal((30L, true, false), (s.Count, s.OldVisible, s.NewVisible)));
        Assert.Equal(100, await reader.CountAsync("amounts", CancellationToken.None));
        Assert.Null(await reader.ReadAsync("amounts", "old-0", CancellationToken.None));
        Assert.Equal("v2", (await reader.ReadAsync("amounts", "new-99", CancellationToken.None))!.Version);
        // The old generation is gone: the pointer, the counter and one generation remain.
        Assert.Equal(3, KeysOf(project).Count);
    }

    [Fact]
    public async Task WriteAsync_ReplaceFailsHalfWay_OldViewStaysWholeAndThePartialGenerationIsDropped()
    {
        var project = "fail-" + Guid.NewGuid().ToString("N");
        await Store(project).WriteAsync("amounts", [Record("A", 1), Record("B", 2)], replaceView: true, CancellationToken.None);
        var failing = Store(project, afterBatches: _ => throw new InvalidOperationException("materializer died"));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            failing.WriteAsync("amounts", Enumerable.Range(0, 50).Select(i => Record("N" + i, i)).ToArray(), replaceView: true, CancellationToken.None));

        var reader = Store(project);
        Assert.Equal(2, await reader.CountAsync("amounts", CancellationToken.None));
        Assert.Equal(1.0, (await reader.ReadAsync("amounts", "A", CancellationToken.None))!.Values["amount"]);
        Assert.Null(await reader.ReadAsync("amounts", "N0", CancellationToken.None));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (KeysOf(project).Count > 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(3, KeysOf(project).Count);
    }

    [Fact]
    public async Task WriteAsync_SameViewInTwoProjects_KeptApart()
    {
        var a = Store("proj-a-" + Guid.NewGuid().ToString("N"));
        var b = Store("proj-b-" + Guid.NewGuid().ToString("N"));

        await a.WriteAsync("amounts", [Record("X", 1)], replaceView: true, CancellationToken.None);
        await b.WriteAsync("amounts", [Record("X", 2), Record("Y", 3)], replaceView: true, CancellationToken.None);

        Assert.Equal(1.0, (await a.ReadAsync("amounts", "X", CancellationToken.None))!.Values["amount"]);
        Assert.Equal(1, await a.CountAsync("amounts", CancellationToken.None));
        Assert.Equal(2, await b.CountAsync("amounts", CancellationToken.None));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteAsync_WithTtl_ViewKeysExpireWithinIt(bool replaceView)
    {
        var project = "ttl-" + Guid.NewGuid().ToString("N");
        var store = Store(project, ttl: TimeSpan.FromMinutes(10));

        await store.WriteAsync("amounts", [Record("A", 1)], replaceView, CancellationToken.None);

        var database = _connection.GetDatabase();
        var keys = store.KeysOf("amounts");
        var pointerTtl = await database.KeyTimeToLiveAsync(keys.Pointer);
        var generation = (string?)await database.StringGetAsync(keys.Pointer);
        var dataTtl = await database.KeyTimeToLiveAsync(keys.GenerationPrefix + generation);
        Assert.InRange(pointerTtl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.InRange(dataTtl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task WriteAsync_WithoutTtl_KeysDoNotExpire()
    {
        var store = Store("nottl-" + Guid.NewGuid().ToString("N"));

        await store.WriteAsync("amounts", [Record("A", 1)], replaceView: true, CancellationToken.None);

        Assert.Null(await _connection.GetDatabase().KeyTimeToLiveAsync(store.KeysOf("amounts").Pointer));
    }

    [Fact]
    public async Task GetAsync_NothingListening_StoreUnavailableInOneLineNamingTheLocation()
    {
        var location = new RedisLocation("127.0.0.1", LocalServerProcess.FreePort(), 2, false);
        await using var source = new RedisOnlineStoreSource(location, "not-shown-secret", "p", null);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(async () => await source.GetAsync(CancellationToken.None));

        Assert.Contains($"redis://127.0.0.1:{location.Port}/2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("not-shown-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ManyConcurrentLookups_ShareOneConnection()
    {
        RedisLocation.TryParse(await RedisTestServer.UrlAsync(), out var location, out _);
        await using var source = new RedisOnlineStoreSource(location!, null, "shared-" + Guid.NewGuid().ToString("N"), null);
        var store = await source.GetAsync(CancellationToken.None);
        await store.WriteAsync("amounts", Enumerable.Range(0, 50).Select(i => Record("E" + i, i)).ToArray(), true, CancellationToken.None);

        var stores = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => source.GetAsync(CancellationToken.None).AsTask()));
        var reads = await Task.WhenAll(stores.Select((s, i) => s.ReadAsync("amounts", "E" + i, CancellationToken.None)));

        Assert.All(stores, s => Assert.Same(store, s));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), reads.Select(r => (double)r!.Values["amount"]!));
    }
}
