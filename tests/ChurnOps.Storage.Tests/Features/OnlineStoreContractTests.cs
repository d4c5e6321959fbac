using ChurnOps.Core.Features;

namespace ChurnOps.Storage.Tests.Features;

/// <summary>What every IOnlineStore backend (SQLite now, Redis later) must do; a backend's test class derives from this.</summary>
public abstract class OnlineStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<IOnlineStore> CreateStoreAsync();

    private static OnlineFeatureRecord Record(string entity, DateTimeOffset at, double amount, string version = "v1", string view = "amounts") =>
        new(view, version, entity, at, new Dictionary<string, object?> { ["amount"] = amount, ["plan"] = "pro", ["missing"] = null });

    [Fact]
    public async Task ReadAsync_AfterWrite_ReturnsValuesVersionAndTimestamp()
    {
        var store = await CreateStoreAsync();
        var at = T0.AddTicks(123_4560);

        await store.WriteAsync("amounts", [Record("A", at, 1.25)], replaceView: false, CancellationToken.None);
        var record = await store.ReadAsync("amounts", "A", CancellationToken.None);

        Assert.NotNull(record);
        Assert.Equal("v1", record.Version);
        Assert.Equal(at, record.EventTimestamp);
        Assert.Equal(1.25, record.Values["amount"]);
        Assert.Equal("pro", record.Values["plan"]);
        Assert.Null(record.Values["missing"]);
    }

    [Fact]
    public async Task ReadAsync_UnknownEntityOrView_Null()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("amounts", [Record("A", T0, 1)], false, CancellationToken.None);

        Assert.Null(await store.ReadAsync("amounts", "B", CancellationToken.None));
        Assert.Null(await store.ReadAsync("other", "A", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_OlderRowSameVersion_DoesNotReplaceNewer()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("amounts", [Record("A", T0.AddDays(2), 2)], false, CancellationToken.None);

        await store.WriteAsync("amounts", [Record("A", T0.AddDays(1), 1)], false, CancellationToken.None);

        Assert.Equal(2.0, (await store.ReadAsync("amounts", "A", CancellationToken.None))!.Values["amount"]);
    }

    [Fact]
    public async Task WriteAsync_NewVersion_ReplacesEvenWhenOlder()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("amounts", [Record("A", T0.AddDays(2), 2)], false, CancellationToken.None);

        await store.WriteAsync("amounts", [Record("A", T0.AddDays(1), 1, version: "v2")], false, CancellationToken.None);

        var record = await store.ReadAsync("amounts", "A", CancellationToken.None);
        Assert.Equal("v2", record!.Version);
        Assert.Equal(1.0, record.Values["amount"]);
    }

    [Fact]
    public async Task WriteAsync_ReplaceView_RemovesOnlyThatViewsOtherEntities()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("amounts", [Record("A", T0, 1), Record("B", T0, 2)], false, CancellationToken.None);
        await store.WriteAsync("plans", [Record("A", T0, 3, view: "plans")], false, CancellationToken.None);

        await store.WriteAsync("amounts", [Record("B", T0, 5)], replaceView: true, CancellationToken.None);

        Assert.Null(await store.ReadAsync("amounts", "A", CancellationToken.None));
        Assert.Equal(5.0, (await store.ReadAsync("amounts", "B", CancellationToken.None))!.Values["amount"]);
        Assert.NotNull(await store.ReadAsync("plans", "A", CancellationToken.None));
        Assert.Equal(1, await store.CountAsync("amounts", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_RecordOfAnotherView_RejectedAndNothingWritten()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.WriteAsync("amounts", [Record("A", T0, 1), Record("B", T0, 1, view: "plans")], false, CancellationToken.None));

        Assert.Equal(0, await store.CountAsync("amounts", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_DoublesAcrossTheRange_ReadBackBitExact()
    {
        var store = await CreateStoreAsync();
        var random = new Random(3);
        var values = Enumerable.Range(0, 300)
            .Select(i => (i % 3) switch
            {
                0 => random.NextDouble(),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FEFFFFFFFFFFFFF)),
                _ => -random.NextDouble() * Math.Pow(10, random.Next(-300, 300)),
            })
            .Concat([double.Epsilon, 1e-320, 0.0, 0.1 + 0.2, double.MaxValue, double.MinValue])
            .ToList();
        var features = values.Select((v, i) => (Name: "f" + i, Value: (object?)v)).ToDictionary(f => f.Name, f => f.Value);

        await store.WriteAsync("amounts", [new OnlineFeatureRecord("amounts", "v1", "A", T0, features)], false, CancellationToken.None);
        var read = (await store.ReadAsync("amounts", "A", CancellationToken.None))!.Values;

        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(Assert.IsType<double>(read["f" + i])));
        }
    }

    [Fact]
    public async Task WriteAsync_SameEntityAgain_OneRowLatestValues()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("amounts", [Record("A", T0, 1)], false, CancellationToken.None);

        await store.WriteAsync("amounts", [Record("A", T0.AddDays(1), 2)], false, CancellationToken.None);

        Assert.Equal(1, await store.CountAsync("amounts", CancellationToken.None));
        Assert.Equal(2.0, (await store.ReadAsync("amounts", "A", CancellationToken.None))!.Values["amount"]);
        Assert.Equal(0, await store.CountAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_TwoWritersSameEntity_NewestEventWinsWhateverTheOrder()
    {
        var store = await CreateStoreAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => store.WriteAsync("amounts", [Record("A", T0.AddMinutes(i), i)], false, CancellationToken.None))));

        var record = await store.ReadAsync("amounts", "A", CancellationToken.None);
        Assert.Equal(19.0, record!.Values["amount"]);
        Assert.Equal(T0.AddMinutes(19), record.EventTimestamp);
    }

    [Fact]
    public async Task WriteAsync_Cancelled_ThrowsAndWritesNothing()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync("amounts", [Record("A", T0, 1)], false, cancelled.Token));

        Assert.Equal(0, await store.CountAsync("amounts", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_Concurrent_AllSucceed()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("amounts", Enumerable.Range(0, 200).Select(i => Record("E" + i, T0, i)).ToArray(), false, CancellationToken.None);

        var reads = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => store.ReadAsync("amounts", "E" + i, CancellationToken.None))));

        Assert.All(reads.Select((r, i) => (r, i)), x => Assert.Equal((double)x.i, x.r!.Values["amount"]));
    }
}
