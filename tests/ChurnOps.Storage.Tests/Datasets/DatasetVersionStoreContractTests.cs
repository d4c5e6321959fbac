using ChurnOps.Core.Datasets;

namespace ChurnOps.Storage.Tests.Datasets;

/// <summary>What every IDatasetVersionStore backend must do: one record per accepted load, re-recording is a no-op.</summary>
public abstract class DatasetVersionStoreContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 4, 2, 6, 0, 0, TimeSpan.Zero);

    protected abstract Task<IDatasetVersionStore> CreateStoreAsync();

    private static DatasetVersion Load(string table, string version, long read = 10, string? contract = "customers") =>
        new(table, version, contract, contract is null ? null : "1.0.0", ["data/a.csv", "data/b.csv"], read, read - 2, 2, T0);

    [Fact]
    public async Task AddAsync_ThenGet_RoundTripsEveryField()
    {
        var store = await CreateStoreAsync();
        var at = new DateTimeOffset(2026, 4, 2, 8, 15, 0, TimeSpan.FromHours(-5)).AddTicks(9_999_999);
        var version = new DatasetVersion("raw.customers", "c0ffee01", null, null, ["x/ü.parquet"], long.MaxValue - 1, 0, long.MaxValue - 1, at);

        Assert.True(await store.AddAsync(version, Ct));
        var read = await store.GetAsync("raw.customers", "c0ffee01", Ct);

        Assert.NotNull(read);
        Assert.Equal(version with { Files = read.Files }, read);
        Assert.Equal(["x/ü.parquet"], read.Files);
        Assert.Equal(at.UtcTicks, read.CreatedAt.UtcTicks);
    }

    [Fact]
    public async Task GetAsync_UnknownTableOrVersion_Null()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Load("raw.customers", "aaaa1111"), Ct);

        Assert.Null(await store.GetAsync("raw.customers", "bbbb", Ct));
        Assert.Null(await store.GetAsync("raw.events", "aaaa1111", Ct));
    }

    [Fact]
    public async Task GetAsync_UniquePrefix_FindsTheVersion()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Load("raw.customers", "aaaa1111"), Ct);
        await store.AddAsync(Load("raw.customers", "bbbb2222"), Ct);

        Assert.Equal("bbbb2222", (await store.GetAsync("raw.customers", "bbbb", Ct))?.Version);
    }

    [Fact]
    public async Task AddAsync_SameTableAndVersionAgain_FalseAndFirstRecordKept()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.AddAsync(Load("raw.customers", "v1", read: 10), Ct));

        Assert.False(await store.AddAsync(Load("raw.customers", "v1", read: 99), Ct));

        Assert.Equal(10, (await store.GetAsync("raw.customers", "v1", Ct))!.RowsRead);
        Assert.Single(await store.ListAsync(null, 10, Ct));
    }

    [Fact]
    public async Task AddAsync_SameVersionInAnotherTable_IsAnotherRecord()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.AddAsync(Load("raw.customers", "v1"), Ct));
        Assert.True(await store.AddAsync(Load("raw.events", "v1"), Ct));

        Assert.Equal(2, (await store.ListAsync(null, 10, Ct)).Count);
    }

    [Fact]
    public async Task AddAsync_TwoWritersSameVersion_ExactlyOneRecords()
    {
        var store = await CreateStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.AddAsync(Load("raw.customers", "v1"), Ct))));

        Assert.Single(results, r => r);
        Assert.Single(await store.ListAsync(null, 10, Ct));
    }

    [Fact]
    public async Task ListAsync_NewestFirstFilteredByTableAndCappedAtMax()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Load("raw.customers", "c1"), Ct);
        await store.AddAsync(Load("raw.events", "e1"), Ct);
        await store.AddAsync(Load("raw.customers", "c2"), Ct);
        await store.AddAsync(Load("raw.customers", "c3"), Ct);

        Assert.Equal(["c3", "c2", "e1", "c1"], (await store.ListAsync(null, 10, Ct)).Select(v => v.Version));
        Assert.Equal(["c3", "c2", "c1"], (await store.ListAsync("raw.customers", 10, Ct)).Select(v => v.Version));
        Assert.Equal(["c3", "c2"], (await store.ListAsync("raw.customers", 2, Ct)).Select(v => v.Version));
        Assert.Empty(await store.ListAsync("raw.none", 10, Ct));
    }

    [Fact]
    public async Task AddAsync_Cancelled_ThrowsAndRecordsNothing()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AddAsync(Load("raw.customers", "v1"), cancelled.Token));

        Assert.Empty(await store.ListAsync(null, 10, Ct));
    }
}
