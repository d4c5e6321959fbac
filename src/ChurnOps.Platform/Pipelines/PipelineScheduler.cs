using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// The pipeline worker: Quartz fires each pipeline's cron trigger (in its time zone) and the run of that instant is
/// queued; a loop on the project's clock ends runs whose process died, queues runs for new events, and runs queued
/// runs. `churnops scheduler` runs it alone; `churnops serve` runs it in-process (pipelines.run_in_serve).
/// </summary>
public sealed class PipelineScheduler(PipelineCatalog catalog, PipelineDispatcher dispatcher, ProjectConfig config, TimeProvider time)
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>
    /// How long Quartz sleeps, in real time, when nothing is due; it then reads the clock again. Quartz's default suits a
    /// real clock; a test on a fake clock shortens it so a jump of the clock is seen.
    /// </summary>
    internal TimeSpan QuartzIdleWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; <paramref name="report"/> gets one line per thing that happened.</summary>
    public async Task RunAsync(Action<string> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var loaded = await catalog.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var issue in loaded.Issues)
        {
            report(issue.ToString());
        }

        var pipelines = loaded.Pipelines;
        var scheduler = await StartQuartzAsync(pipelines, report, cancellationToken).ConfigureAwait(false);
        try
        {
            report($"scheduler started: {pipelines.Count} pipeline(s), {pipelines.Count(p => p.Schedule is not null)} scheduled, {pipelines.Count(p => p.Triggers.Count > 0)} on events");
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await TickAsync(pipelines, report, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A pass that failed (the metadata file busy past its timeout, say) is retried on the next one.
                    report($"pass failed, retrying in {config.Pipelines.PollSeconds}s: {ex.GetType().Name}: {ex.Message}");
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var woken = _wake.WaitAsync(wait.Token);
                var delay = Task.Delay(TimeSpan.FromSeconds(config.Pipelines.PollSeconds), time, wait.Token);
                await Task.WhenAny(woken, delay).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>One pass of the loop: reap, read events, run what is queued.</summary>
    public async Task TickAsync(IReadOnlyList<PipelineDefinition> pipelines, Action<string> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var reaped in await dispatcher.ReapAsync(cancellationToken).ConfigureAwait(false))
        {
            report($"run {reaped.Id} ({reaped.Pipeline}) marked failed: {reaped.Error}");
        }

        var queued = await dispatcher.PollEventsAsync(pipelines, cancellationToken).ConfigureAwait(false);
        if (queued > 0)
        {
            report($"{queued} run(s) queued by events");
        }

        foreach (var run in await dispatcher.RunQueuedAsync(pipelines, cancellationToken).ConfigureAwait(false))
        {
            report($"run {run.Id} ({run.Pipeline}, {run.Trigger}) {run.State.ToString().ToLowerInvariant()}{(run.Error is null ? string.Empty : ": " + run.Error)}");
        }
    }

    private async Task<IScheduler> StartQuartzAsync(IReadOnlyList<PipelineDefinition> pipelines, Action<string> report, CancellationToken ct)
    {
        var sink = new ScheduledFireSink(async (name, fire, token) =>
        {
            if (pipelines.FirstOrDefault(p => p.Name == name) is { } pipeline
                && await dispatcher.QueueScheduledAsync(pipeline, fire, "schedule", token).ConfigureAwait(false) is { } run)
            {
                report($"run {run.Id} ({name}) queued for {fire:u}");
                _wake.Release();
            }
        });
        var services = new ServiceCollection()
            .AddSingleton(sink)
            .AddSingleton(time)
            .AddTransient<ScheduledPipelineJob>()
            .AddQuartz(q =>
            {
                // One scheduler per worker: Quartz keeps schedulers by name in the process.
                q.ConfigureScheduler(o =>
                {
                    o.InstanceName = "churnops-pipelines-" + Guid.NewGuid().ToString("N");
                    o.IdleWaitTime = QuartzIdleWait;
                });
                q.UseTimeProvider(time);
            })
            .BuildServiceProvider();
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct).ConfigureAwait(false);
        foreach (var pipeline in pipelines.Where(p => p.Schedule is not null))
        {
            var schedule = PipelineSchedule.Parse(pipeline.Schedule, pipeline.TimeZone).Schedule!;
            var job = JobBuilder.Create<ScheduledPipelineJob>().WithIdentity(pipeline.Name, "pipelines").UsingJobData(ScheduledPipelineJob.PipelineKey, pipeline.Name).Build();
            // The trigger computes its fire times on the project's clock, not the system's.
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(pipeline.Name, "pipelines")
                .WithSchedule(CronScheduleBuilder.Create(schedule.QuartzExpression).InTimeZone(schedule.TimeZone))
                .Build();
            var first = await scheduler.ScheduleJob(job, trigger, default, ct).ConfigureAwait(false);
            report($"{pipeline.Name}: '{pipeline.Schedule}' ({schedule.TimeZone.Id}), next run {first:u}");
        }

        await scheduler.Start(ct).ConfigureAwait(false);
        return scheduler;
    }
}
