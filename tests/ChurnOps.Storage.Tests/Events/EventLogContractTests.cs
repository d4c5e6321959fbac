using ChurnOps.Core.Events;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Events;

/// <summary>What every IEventLog backend must do: an append-only outbox whose ids readers use as a cursor.</summary>
public abstract class EventLogContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The clock the backend under test must stamp events with.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(7_654_321));

    protected abstract Task<IEventLog> CreateStoreAsync();

    [Fact]
    public async Task AppendAsync_ThenReadAfterZero_RoundTripsTypeSubjectPayloadAndClockTime()
    {
        var log = await CreateStoreAsync();
        const string payload = """{"rows":10,"note":"ü ✓"}""";

        var appended = await log.AppendAsync("data.customers.updated", "customers", payload, Ct);
        var read = Assert.Single(await log.ReadAfterAsync(0, 10, Ct));

        Assert.Equal(appended, read);
        Assert.Equal(payload, read.PayloadJson);
        Assert.Equal(Time.GetUtcNow().UtcTicks, read.OccurredAt.UtcTicks);
    }

    [Fact]
    public async Task ReadAfterAsync_NothingNewer_ReturnsEmpty()
    {
        var log = await CreateStoreAsync();
        Assert.Empty(await log.ReadAfterAsync(0, 10, Ct));

        var last = await log.AppendAsync("a", "s", "{}", Ct);

        Assert.Empty(await log.ReadAfterAsync(last.Id, 10, Ct));
    }

    [Fact]
    public async Task ReadAfterAsync_Cursor_WalksEveryEventOnceInAppendOrder()
    {
        var log = await CreateStoreAsync();
        for (var i = 0; i < 7; i++)
        {
            await log.AppendAsync("e" + i, "s", "{}", Ct);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<DomainEvent>();
        long cursor = 0;
        for (var page = 0; page < 10; page++)
        {
            var batch = await log.ReadAfterAsync(cursor, 3, Ct);
            if (batch.Count == 0)
            {
                break;
            }

            Assert.True(batch.Count <= 3);
            seen.AddRange(batch);
            cursor = batch[^1].Id;
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => "e" + i), seen.Select(e => e.Type));
        Assert.Equal(seen.Select(e => e.Id).Order(), seen.Select(e => e.Id));
        Assert.Equal(7, seen.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task AppendAsync_TwoWritersAtOnce_IdsDistinctAndReaderSeesAll()
    {
        var log = await CreateStoreAsync();

        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => log.AppendAsync("e", "s" + i, "{}", Ct))));

        Assert.Equal(40, appended.Select(e => e.Id).Distinct().Count());
        var read = await log.ReadAfterAsync(0, 100, Ct);
        Assert.Equal(appended.Select(e => e.Id).Order(), read.Select(e => e.Id));
    }

    [Fact]
    public async Task AppendAsync_AfterReopen_IdsKeepIncreasing()
    {
        var first = await (await CreateStoreAsync()).AppendAsync("a", "s", "{}", Ct);

        var second = await (await CreateStoreAsync()).AppendAsync("b", "s", "{}", Ct);

        Assert.True(second.Id > first.Id);
        Assert.Equal(["a", "b"], (await (await CreateStoreAsync()).ReadAfterAsync(0, 10, Ct)).Select(e => e.Type));
    }

    [Fact]
    public async Task AppendAsync_Cancelled_ThrowsAndAppendsNothing()
    {
        var log = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync("a", "s", "{}", cancelled.Token));

        Assert.Empty(await log.ReadAfterAsync(0, 10, Ct));
    }

    [Fact]
    public async Task ReadAfterAsync_ManyWritersWhileACursorFollows_CursorSeesEveryEventExactlyOnce()
    {
        var log = await CreateStoreAsync();
        const int Writers = 8;
        const int PerWriter = 25;
        var writing = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                await log.AppendAsync("e", $"{w}:{i}", "{}", Ct);
            }
        })));

        // A consumer that only ever moves its cursor forward: an id that became visible after a higher one was read
        // would be skipped for good.
        var seen = new List<DomainEvent>();
        var cursor = 0L;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (seen.Count < Writers * PerWriter && DateTime.UtcNow < deadline)
        {
            var batch = await log.ReadAfterAsync(cursor, 7, Ct);
            seen.AddRange(batch);
            cursor = batch.Count > 0 ? batch[^1].Id : cursor;
            if (batch.Count == 0 && writing.IsCompleted && (await log.ReadAfterAsync(cursor, 1, Ct)).Count == 0)
            {
                break;
            }
        }

        await writing;
        Assert.Equal(Writers * PerWriter, seen.Select(e => e.Subject).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Writers * PerWriter, seen.Count);
        Assert.Equal(seen.Select(e => e.Id).Order(), seen.Select(e => e.Id));
    }
}
