using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>What starts runs: events (exactly once), backfill (one per interval), and the reaping of runs whose process died.</summary>
public sealed class PipelineDispatcherTests
{
    private const string Training = """
        name: training
        owner: data-science
        schedule: "@hourly"
        triggers:
          - event: data.customers.updated
        steps:
          - { name: train, run: ok }
        """;

    [Fact]
    public async Task PollEventsAsync_EachEventStartsItsPipelineOnce_EvenWhenTheCursorIsLost()
    {
        using var bed = await CreateAsync();
        var pipeline = bed.Pipeline(Training);
        await bed.Events.AppendAsync("data.customers.updated", "customers", "{}", CancellationToken.None);
        // The first poll starts the cursor at the end of the log: the event above predates the scheduler.
        Assert.Equal(0, await bed.Dispatcher.PollEventsAsync([pipeline], CancellationToken.None));
        var first = await bed.Events.AppendAsync("data.customers.updated", "customers", "{}", CancellationToken.None);
        await bed.Events.AppendAsync("data.labels.updated", "labels", "{}", CancellationToken.None);
        var second = await bed.Events.AppendAsync("data.customers.updated", "customers", "{}", CancellationToken.None);

        // A process that died after queueing the first event's run, before saving the cursor past it, left this behind.
        await bed.Store.QueueAsync(new NewPipelineRun("training", "event:data.customers.updated", $"event:{first.Id}", first.OccurredAt, new Dictionary<string, string>()), CancellationToken.None);

        var queued = await bed.Dispatcher.PollEventsAsync([pipeline], CancellationToken.None);
        var again = await bed.Dispatcher.PollEventsAsync([pipeline], CancellationToken.None);

        Assert.Equal(1, queued);
        Assert.Equal(0, again);
        Assert.Equal(second.Id, await bed.Store.GetCursorAsync(PipelineDispatcher.EventCursor, CancellationToken.None));
        var runs = await bed.Store.ListRunsAsync("training", 10, CancellationToken.None);
        Assert.Equal([$"event:{second.Id}", $"event:{first.Id}"], runs.Select(r => r.TriggerKey));
        Assert.All(runs, r => Assert.Equal("event:data.customers.updated", r.Trigger));
    }

    [Fact]
    public async Task PollEventsAsync_PausedPipeline_QueuesNothing()
    {
        using var bed = await CreateAsync();
        var pipeline = bed.Pipeline(Training);
        await bed.Dispatcher.PollEventsAsync([pipeline], CancellationToken.None);
        await bed.Store.SetPausedAsync("training", paused: true, CancellationToken.None);
        await bed.Events.AppendAsync("data.customers.updated", "customers", "{}", CancellationToken.None);

        Assert.Equal(0, await bed.Dispatcher.PollEventsAsync([pipeline], CancellationToken.None));
        Assert.Null(await bed.Dispatcher.QueueScheduledAsync(pipeline, PipelineTestBed.Start, "schedule", CancellationToken.None));
    }

    [Fact]
    public async Task QueueBackfillAsync_HourlyRange_OneRunPerIntervalAndNoneTwice()
    {
        using var bed = await CreateAsync();
        var pipeline = bed.Pipeline(Training);
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        // The scheduler already ran 02:00; backfill must not run it again.
        await bed.Dispatcher.QueueScheduledAsync(pipeline, from.AddHours(2), "schedule", CancellationToken.None);

        var (queued, existing, error) = await bed.Dispatcher.QueueBackfillAsync(pipeline, from, from.AddHours(6), 100, CancellationToken.None);
        var (second, existingSecond, _) = await bed.Dispatcher.QueueBackfillAsync(pipeline, from, from.AddHours(6), 100, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal([0, 1, 3, 4, 5], queued.Select(r => (int)(r.LogicalDate - from).TotalHours));
        Assert.Equal(1, existing);
        Assert.Empty(second);
        Assert.Equal(6, existingSecond);
        foreach (var run in queued)
        {
            var ended = await bed.Dispatcher.ExecuteAsync(pipeline, run, CancellationToken.None);
            Assert.Equal(PipelineRunState.Succeeded, ended!.State);
        }
    }

    [Fact]
    public async Task QueueBackfillAsync_PipelineWithoutSchedule_IsRefused()
    {
        using var bed = await CreateAsync();
        var pipeline = bed.Pipeline("""
            name: adhoc
            owner: t
            steps: [{ name: a, run: ok }]
            """);

        var (queued, _, error) = await bed.Dispatcher.QueueBackfillAsync(pipeline, PipelineTestBed.Start, PipelineTestBed.Start.AddDays(1), 100, CancellationToken.None);

        Assert.Empty(queued);
        Assert.Equal("pipeline 'adhoc' has no schedule, so it has no intervals to backfill", error);
    }

    [Fact]
    public async Task ReapAsync_RunWhoseLeaseExpired_IsFailedWithTheReasonAndItsAttemptInterrupted()
    {
        using var bed = await CreateAsync();
        var pipeline = bed.Pipeline(Training);
        // A process claimed the run, started a step and died: nothing renews the lease any more.
        var (run, _) = await bed.Dispatcher.QueueManualAsync(pipeline, new Dictionary<string, string>(), CancellationToken.None);
        Assert.True(await bed.Store.ClaimAsync(run!.Id, "host/pid 4242/dead", bed.Time.GetUtcNow().AddSeconds(60), CancellationToken.None));
        await bed.Store.StartAttemptAsync(run.Id, "train", 1, CancellationToken.None);

        bed.Time.Advance(TimeSpan.FromSeconds(59));
        var early = await bed.Dispatcher.ReapAsync(CancellationToken.None);
        bed.Time.Advance(TimeSpan.FromSeconds(2));
        var reaped = await bed.Dispatcher.ReapAsync(CancellationToken.None);

        Assert.Empty(early);
        var failed = Assert.Single(reaped);
        Assert.Equal(PipelineRunState.Failed, failed.State);
        Assert.Equal("the process running it (host/pid 4242/dead) stopped: its lease expired at 2026-11-30T08:01:00Z with no heartbeat", failed.Error);
        var attempt = Assert.Single(await bed.Store.ListAttemptsAsync(run.Id, CancellationToken.None));
        Assert.Equal(StepState.Failed, attempt.State);
        Assert.StartsWith("interrupted: the process running it", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(await bed.Dispatcher.ReapAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_LongRun_KeepsItsLeaseWithHeartbeats()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var bed = await PipelineTestBed.CreateAsync(time =>
        [
            new TestStepAction("long", async (_, ct) =>
            {
                started.TrySetResult();
                await release.Task.WaitAsync(ct);
                return StepOutcome.Success();
            }, time),
        ]);
        var pipeline = bed.Pipeline("""
            name: slow
            owner: t
            steps: [{ name: a, run: long }]
            """);

        var (run, done) = await bed.StartAsync(pipeline);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Five minutes of heartbeats, one lease third (20 s) at a time; the run must never look dead.
        for (var i = 0; i < 15; i++)
        {
            var before = (await bed.Store.GetRunAsync(run.Id, CancellationToken.None))!.LeaseExpiresAt;
            bed.Time.Advance(TimeSpan.FromSeconds(20));
            await PipelineTestBed.WaitUntilAsync(async () => (await bed.Store.GetRunAsync(run.Id, CancellationToken.None))!.LeaseExpiresAt > before, "the lease to be renewed");
            Assert.Empty(await bed.Dispatcher.ReapAsync(CancellationToken.None));
        }

        release.SetResult();
        Assert.Equal(PipelineRunState.Succeeded, (await PipelineTestBed.FinishedAsync(done)).State);
    }

    private static Task<PipelineTestBed> CreateAsync() =>
        PipelineTestBed.CreateAsync(time => [new TestStepAction("ok", (_, _) => Task.FromResult(StepOutcome.Success()), time)]);
}
