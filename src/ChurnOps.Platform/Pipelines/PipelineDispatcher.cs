using System.Globalization;
using ChurnOps.Core.Events;
using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// Turns what should start a pipeline (a person, a schedule instant, a backfilled interval, an event on the log) into
/// queued runs, each under a trigger key unique per pipeline, and runs queued runs. The event cursor is persisted and
/// advanced only after the runs of the events it passes are queued; a crash in between queues nothing twice, because
/// the key of an event's run is the event's id.
/// </summary>
public sealed class PipelineDispatcher(IPipelineRunStore store, IEventLog events, PipelineRunner runner, TimeProvider time)
{
    public const string EventCursor = "pipelines.events";
    private const int EventBatch = 500;

    /// <summary>This process, as recorded in the leases of the runs it runs.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/pid {Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A run by hand; <paramref name="overrides"/> must name declared parameters.</summary>
    public async Task<(PipelineRun? Run, string? Error)> QueueManualAsync(PipelineDefinition pipeline, IReadOnlyDictionary<string, string> overrides, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(overrides);
        var unknown = overrides.Keys.Where(k => !pipeline.Parameters.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            return (null, $"pipeline '{pipeline.Name}' has no parameter {string.Join(", ", unknown.Select(u => $"'{u}'"))} (parameters: {(pipeline.Parameters.Count == 0 ? "none" : string.Join(", ", pipeline.Parameters.Keys))})");
        }

        var now = time.GetUtcNow();
        var run = await store.QueueAsync(new NewPipelineRun(pipeline.Name, "manual", "manual:" + Guid.NewGuid().ToString("N"), now, Merge(pipeline, overrides)), ct).ConfigureAwait(false);
        return (run, null);
    }

    /// <summary>The run of one schedule instant; null when that instant already has one (or the pipeline is paused).</summary>
    public async Task<PipelineRun?> QueueScheduledAsync(PipelineDefinition pipeline, DateTimeOffset fireTime, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (trigger == "schedule" && (await store.ListPausedAsync(ct).ConfigureAwait(false)).Contains(pipeline.Name))
        {
            return null;
        }

        return await store.QueueAsync(new NewPipelineRun(pipeline.Name, trigger, ScheduleKey(fireTime), fireTime, Merge(pipeline, new Dictionary<string, string>())), ct).ConfigureAwait(false);
    }

    /// <summary>One run per schedule interval in [from, to); intervals that already have a run (scheduled or backfilled) keep it.</summary>
    public async Task<(IReadOnlyList<PipelineRun> Queued, int Existing, string? Error)> QueueBackfillAsync(PipelineDefinition pipeline, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (pipeline.Schedule is null)
        {
            return ([], 0, $"pipeline '{pipeline.Name}' has no schedule, so it has no intervals to backfill");
        }

        if (to <= from)
        {
            return ([], 0, "--to must be after --from");
        }

        var schedule = PipelineSchedule.Parse(pipeline.Schedule, pipeline.TimeZone).Schedule!;
        var fires = schedule.Between(from, to, max + 1);
        if (fires.Count > max)
        {
            return ([], 0, $"{from:u} to {to:u} holds more than {max} intervals of '{pipeline.Schedule}'; backfill a shorter range");
        }

        var queued = new List<PipelineRun>();
        foreach (var fire in fires)
        {
            if (await QueueScheduledAsync(pipeline, fire, "backfill", ct).ConfigureAwait(false) is { } run)
            {
                queued.Add(run);
            }
        }

        return (queued, fires.Count - queued.Count, null);
    }

    /// <summary>
    /// Queues a run for every new event a pipeline's triggers name, and moves the cursor past them. The first call on
    /// a project starts the cursor at the end of the log: events from before any scheduler ran start nothing.
    /// </summary>
    public async Task<int> PollEventsAsync(IReadOnlyList<PipelineDefinition> pipelines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var cursor = await store.GetCursorAsync(EventCursor, ct).ConfigureAwait(false);
        if (cursor is null)
        {
            var end = 0L;
            IReadOnlyList<DomainEvent> batch;
            while ((batch = await events.ReadAfterAsync(end, 10_000, ct).ConfigureAwait(false)).Count > 0)
            {
                end = batch[^1].Id;
            }

            await store.SetCursorAsync(EventCursor, end, ct).ConfigureAwait(false);
            return 0;
        }

        var queued = 0;
        var position = cursor.Value;
        var paused = await store.ListPausedAsync(ct).ConfigureAwait(false);
        while (true)
        {
            var batch = await events.ReadAfterAsync(position, EventBatch, ct).ConfigureAwait(false);
            foreach (var domainEvent in batch)
            {
                foreach (var pipeline in pipelines.Where(p => p.Triggers.Contains(domainEvent.Type, StringComparer.Ordinal) && !paused.Contains(p.Name)))
                {
                    var parameters = Merge(pipeline, new Dictionary<string, string>());
                    var run = await store.QueueAsync(new NewPipelineRun(pipeline.Name, "event:" + domainEvent.Type, "event:" + domainEvent.Id.ToString(CultureInfo.InvariantCulture), domainEvent.OccurredAt, parameters), ct).ConfigureAwait(false);
                    queued += run is null ? 0 : 1;
                }

                position = domainEvent.Id;
            }

            if (batch.Count > 0)
            {
                await store.SetCursorAsync(EventCursor, position, ct).ConfigureAwait(false);
            }

            if (batch.Count < EventBatch)
            {
                return queued;
            }
        }
    }

    /// <summary>Runs every queued run whose pipeline is defined, oldest first; a run whose pipeline is gone or invalid is failed with that reason.</summary>
    public async Task<IReadOnlyList<PipelineRun>> RunQueuedAsync(IReadOnlyList<PipelineDefinition> pipelines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var finished = new List<PipelineRun>();
        foreach (var run in await store.ListQueuedAsync(1000, ct).ConfigureAwait(false))
        {
            var pipeline = pipelines.FirstOrDefault(p => p.Name == run.Pipeline);
            if (pipeline is null)
            {
                if (await store.ClaimAsync(run.Id, Owner, time.GetUtcNow() + runner.Lease, ct).ConfigureAwait(false))
                {
                    await store.FinishRunAsync(run.Id, PipelineRunState.Failed, $"pipeline '{run.Pipeline}' is not defined or does not validate ('churnops pipelines validate')", ct).ConfigureAwait(false);
                }

                continue;
            }

            if (await ExecuteAsync(pipeline, run, ct).ConfigureAwait(false) is { } ended)
            {
                finished.Add(ended);
            }
        }

        return finished;
    }

    /// <summary>Claims and runs one queued run; null when another worker claimed it first.</summary>
    public async Task<PipelineRun?> ExecuteAsync(PipelineDefinition pipeline, PipelineRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!await store.ClaimAsync(run.Id, Owner, time.GetUtcNow() + runner.Lease, ct).ConfigureAwait(false))
        {
            return null;
        }

        await runner.RunAsync(pipeline, run with { State = PipelineRunState.Running }, Owner, ct).ConfigureAwait(false);
        return await store.GetRunAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Ends as failed every running run whose process stopped renewing its lease.</summary>
    public Task<IReadOnlyList<PipelineRun>> ReapAsync(CancellationToken ct) => store.ReapExpiredAsync(time.GetUtcNow(), ct);

    public static string ScheduleKey(DateTimeOffset fireTime) =>
        "schedule:" + fireTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Merge(PipelineDefinition pipeline, IReadOnlyDictionary<string, string> overrides)
    {
        var parameters = new Dictionary<string, string>(pipeline.Parameters, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return parameters;
    }
}
