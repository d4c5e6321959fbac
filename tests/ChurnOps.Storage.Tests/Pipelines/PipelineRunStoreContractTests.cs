using ChurnOps.Core.Pipelines;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Pipelines;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Pipelines;

/// <summary>
/// What the pipeline run store must do on every metadata engine: one run per trigger key, one owner per claimed run,
/// leases only the owner renews, expired leases reaped once with their reason, cursors that never go back.
/// </summary>
public abstract class PipelineRunStoreContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(T0);

    /// <summary>A migrated, empty metadata database; opening again in the same test gives the same data.</summary>
    protected abstract Task<MetadataDatabase> OpenDatabaseAsync();

    private async Task<SqlPipelineRunStore> StoreAsync() => new(await OpenDatabaseAsync(), Time);

    private static NewPipelineRun New(string key, string pipeline = "nightly") =>
        new(pipeline, "schedule", key, T0.AddHours(-1), new Dictionary<string, string> { ["since"] = "2026-11-29", ["ü"] = "✓" });

    [Fact]
    public async Task QueueAsync_ThenGet_RoundTripsEveryField()
    {
        var store = await StoreAsync();

        var queued = await store.QueueAsync(New("schedule:2026-11-30T05:00:00Z"), Ct);

        Assert.NotNull(queued);
        var read = await store.GetRunAsync(queued!.Id, Ct);
        Assert.Equal((queued.Id, "nightly", PipelineRunState.Queued, "schedule", "schedule:2026-11-30T05:00:00Z", T0.AddHours(-1), T0), (read!.Id, read.Pipeline, read.State, read.Trigger, read.TriggerKey, read.LogicalDate, read.CreatedAt));
        Assert.Equal(new Dictionary<string, string> { ["since"] = "2026-11-29", ["ü"] = "✓" }, read.Parameters);
        Assert.Equal((null, null, null, null, null), (read.StartedAt, read.EndedAt, read.Error, read.LeaseOwner, read.LeaseExpiresAt));
        Assert.Null(await store.GetRunAsync(queued.Id + 1000, Ct));
    }

    [Fact]
    public async Task QueueAsync_SameKeyFromManyWritersAtOnce_OneRun()
    {
        var store = await StoreAsync();

        var queued = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.QueueAsync(New("event:42"), Ct))));

        Assert.Single(queued, r => r is not null);
        Assert.Single(await store.ListRunsAsync("nightly", 10, Ct));
        Assert.NotNull(await store.QueueAsync(New("event:42", pipeline: "other"), Ct));
    }

    [Fact]
    public async Task ClaimAsync_ManyOwnersAtOnce_ExactlyOneWinsAndHoldsTheLease()
    {
        var store = await StoreAsync();
        var run = (await store.QueueAsync(New("event:1"), Ct))!;

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () => (Owner: $"replica-{i}", Won: await store.ClaimAsync(run.Id, $"replica-{i}", T0.AddMinutes(1), Ct)))));

        var winner = Assert.Single(claims, c => c.Won);
        var read = (await store.GetRunAsync(run.Id, Ct))!;
        Assert.Equal((PipelineRunState.Running, winner.Owner, T0.AddMinutes(1), T0), (read.State, read.LeaseOwner, read.LeaseExpiresAt, read.StartedAt));
        Assert.Empty(await store.ListQueuedAsync(10, Ct));
    }

    [Fact]
    public async Task RenewLeaseAsync_OnlyTheOwnerWhileRunning()
    {
        var store = await StoreAsync();
        var run = (await store.QueueAsync(New("event:1"), Ct))!;
        Assert.True(await store.ClaimAsync(run.Id, "a", T0.AddMinutes(1), Ct));

        Assert.False(await store.RenewLeaseAsync(run.Id, "b", T0.AddMinutes(5), Ct));
        Assert.True(await store.RenewLeaseAsync(run.Id, "a", T0.AddMinutes(2), Ct));
        await store.FinishRunAsync(run.Id, PipelineRunState.Succeeded, null, Ct);
        Assert.False(await store.RenewLeaseAsync(run.Id, "a", T0.AddMinutes(3), Ct));

        var read = (await store.GetRunAsync(run.Id, Ct))!;
        Assert.Equal((PipelineRunState.Succeeded, (DateTimeOffset?)null, (DateTimeOffset?)T0), (read.State, read.LeaseExpiresAt, read.EndedAt));
    }

    [Fact]
    public async Task Attempts_StartFinishAndSkip_ListedInStartOrderWithOutputs()
    {
        var store = await StoreAsync();
        var run = (await store.QueueAsync(New("event:1"), Ct))!;
        await store.StartAttemptAsync(run.Id, "load", 1, Ct);
        Time.Advance(TimeSpan.FromSeconds(3));
        await store.FinishAttemptAsync(new StepAttempt(run.Id, "load", 1, StepState.Succeeded, T0, Time.GetUtcNow(), "read 10 rows\n", null, new Dictionary<string, string> { ["rows"] = "10" }), Ct);
        await store.FinishAttemptAsync(new StepAttempt(run.Id, "train", 1, StepState.Skipped, Time.GetUtcNow(), null, string.Empty, "load failed", new Dictionary<string, string>()), Ct);

        var attempts = await store.ListAttemptsAsync(run.Id, Ct);

        Assert.Equal(["load", "train"], attempts.Select(a => a.Step));
        Assert.Equal((StepState.Succeeded, (DateTimeOffset?)T0.AddSeconds(3), "read 10 rows\n", "10"), (attempts[0].State, attempts[0].EndedAt, attempts[0].Log, attempts[0].Outputs["rows"]));
        Assert.Equal((StepState.Skipped, (DateTimeOffset?)null, "load failed"), (attempts[1].State, attempts[1].EndedAt, attempts[1].Error));
    }

    [Fact]
    public async Task FinishRunAsync_AttemptStillRunning_EndedAsInterruptedWithTheRunsError()
    {
        var store = await StoreAsync();
        var run = (await store.QueueAsync(New("event:1"), Ct))!;
        await store.ClaimAsync(run.Id, "a", T0.AddMinutes(1), Ct);
        await store.StartAttemptAsync(run.Id, "train", 1, Ct);

        await store.FinishRunAsync(run.Id, PipelineRunState.Failed, "shutting down", Ct);

        var attempt = Assert.Single(await store.ListAttemptsAsync(run.Id, Ct));
        Assert.Equal((StepState.Failed, "interrupted: shutting down"), (attempt.State, attempt.Error));
        Assert.Equal("shutting down", (await store.GetRunAsync(run.Id, Ct))!.Error);
    }

    [Fact]
    public async Task ReapExpiredAsync_LeaseRanOut_FailedOnceWithOwnerAndExpiryInTheReason()
    {
        var store = await StoreAsync();
        var stale = (await store.QueueAsync(New("event:1"), Ct))!;
        var alive = (await store.QueueAsync(New("event:2"), Ct))!;
        await store.ClaimAsync(stale.Id, "replica-a", T0.AddSeconds(30).AddMilliseconds(900), Ct);
        await store.ClaimAsync(alive.Id, "replica-b", T0.AddMinutes(10), Ct);
        await store.StartAttemptAsync(stale.Id, "train", 1, Ct);

        var reaped = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.ReapExpiredAsync(T0.AddMinutes(1), Ct))));

        var run = Assert.Single(reaped.SelectMany(r => r));
        Assert.Equal(stale.Id, run.Id);
        const string reason = "the process running it (replica-a) stopped: its lease expired at 2026-11-30T06:00:30Z with no heartbeat";
        Assert.Equal((PipelineRunState.Failed, reason), (run.State, run.Error));
        Assert.Equal("interrupted: " + reason, Assert.Single(await store.ListAttemptsAsync(stale.Id, Ct)).Error);
        Assert.Equal(PipelineRunState.Running, (await store.GetRunAsync(alive.Id, Ct))!.State);
    }

    [Fact]
    public async Task SetCursorAsync_Lower_KeepsTheHigherPosition()
    {
        var store = await StoreAsync();
        Assert.Null(await store.GetCursorAsync("events", Ct));

        await store.SetCursorAsync("events", 41, Ct);
        await store.SetCursorAsync("events", 7, Ct);
        await store.SetCursorAsync("events", 5_000_000_000, Ct);
        await store.SetCursorAsync("other", 3, Ct);

        Assert.Equal(5_000_000_000, await store.GetCursorAsync("events", Ct));
        Assert.Equal(3, await store.GetCursorAsync("other", Ct));
    }

    [Fact]
    public async Task SetPausedAsync_PauseTwiceThenResume_Listed()
    {
        var store = await StoreAsync();

        await store.SetPausedAsync("nightly", true, Ct);
        await store.SetPausedAsync("nightly", true, Ct);
        await store.SetPausedAsync("hourly", true, Ct);
        await store.SetPausedAsync("hourly", false, Ct);

        Assert.Equal(["nightly"], await store.ListPausedAsync(Ct));
        Assert.Equal(["nightly"], await (await StoreAsync()).ListPausedAsync(Ct));
    }

    [Fact]
    public async Task ListRunsAsync_NewestFirstWithLimitAndQueuedOldestFirst()
    {
        var store = await StoreAsync();
        var first = (await store.QueueAsync(New("k1"), Ct))!;
        var second = (await store.QueueAsync(New("k2"), Ct))!;
        var third = (await store.QueueAsync(New("k3", pipeline: "hourly"), Ct))!;

        Assert.Equal([third.Id, second.Id], (await store.ListRunsAsync(null, 2, Ct)).Select(r => r.Id));
        Assert.Equal([second.Id, first.Id], (await store.ListRunsAsync("nightly", 10, Ct)).Select(r => r.Id));
        Assert.Equal([first.Id, second.Id, third.Id], (await store.ListQueuedAsync(10, Ct)).Select(r => r.Id));
    }
}
