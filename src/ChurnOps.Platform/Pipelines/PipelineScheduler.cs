using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Team;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// The pipeline worker: Quartz fires each pipeline's cron trigger (in its time zone) and the run of that instant is
/// queued; a loop on the project's clock ends runs whose process died, queues runs for new events, and runs queued
/// runs. `churnops scheduler` runs it alone; `churnops serve` runs it in-process (pipelines.run_in_serve).
/// With metadata on PostgreSQL (<paramref name="clustered"/>) Quartz keeps its triggers in that database and every
/// scheduler process of the project joins one cluster: each occurrence is fired by exactly one of them, and when one
/// dies the others go on firing (and recover what it held). The run's unique key per instant stays the second guard.
/// </summary>
public sealed class PipelineScheduler(PipelineCatalog catalog, PipelineDispatcher dispatcher, ProjectConfig config, TimeProvider time, ClusteredJobStore? clustered = null)
{
    /// <summary>The Quartz scheduler name every process of one project's cluster shares (its rows are keyed by it).</summary>
    public const string ClusterName = "churnops-pipelines";

    private const string JobGroup = "pipelines";

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
            if (pipelines.FirstOrDefault(p => p.Name == name) is not { } pipeline)
            {
                report($"{name}: fired for {fire:u} but this process does not define it");
                return;
            }

            // One line per fire, queued or not: a second fire of one instant (which the run's key absorbs) stays visible.
            if (await dispatcher.QueueScheduledAsync(pipeline, fire, "schedule", token).ConfigureAwait(false) is { } run)
            {
                report($"{name}: fired for {fire:u}, run {run.Id} queued");
                _wake.Release();
            }
            else
            {
                report($"{name}: fired for {fire:u}, the instant already has a run (or the pipeline is paused)");
            }
        });
        var services = new ServiceCollection()
            .AddSingleton(sink)
            .AddSingleton(time)
            .AddTransient<ScheduledPipelineJob>()
            .AddQuartz(q =>
            {
                q.ConfigureScheduler(o =>
                {
                    // Clustered: one name shared by the project's processes, each with a generated instance id.
                    // In memory: one scheduler per worker (Quartz keeps schedulers by name in the process).
                    o.InstanceName = clustered is null ? ClusterName + "-" + Guid.NewGuid().ToString("N") : ClusterName;
                    o.GenerateInstanceId = clustered is not null;
                    o.IdleWaitTime = QuartzIdleWait;
                });
                q.UseTimeProvider(time);
                if (clustered is not null)
                {
                    var checkin = TimeSpan.FromSeconds(config.Pipelines.ClusterCheckinSeconds);
                    q.UsePersistentStore(store =>
                    {
                        store.UsePostgres(o =>
                        {
                            o.Provider = ClusteredJobStore.Provider;
                            o.ConnectionString = clustered.ConnectionString;
                        });
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = checkin;
                            c.CheckinMisfireThreshold = checkin * 2;
                        });
                        store.UseSystemTextJsonSerializer();
                        // The tables come from our own migration (area "scheduler"); Quartz only checks they are there.
                        store.ConfigureStore(o =>
                        {
                            o.TablePrefix = ClusteredJobStore.TablePrefix;
                            o.SchemaProvisioning = SchemaProvisioning.Validate;
                        });
                    });
                }
            })
            .BuildServiceProvider();
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct).ConfigureAwait(false);
        await ScheduleAsync(scheduler, pipelines, report, ct).ConfigureAwait(false);
        await scheduler.Start(ct).ConfigureAwait(false);
        if (clustered is not null)
        {
            report($"clustered job store on PostgreSQL: scheduler '{ClusterName}', instance {scheduler.SchedulerInstanceId}");
        }

        return scheduler;
    }

    /// <summary>
    /// Puts each scheduled pipeline's cron trigger in the store. A persistent store already holds the triggers another
    /// process of the cluster put there: one whose expression and time zone are unchanged is left alone (replacing it
    /// would reset its state under the node about to fire it); a changed one is replaced, a removed pipeline's deleted.
    /// </summary>
    private async Task ScheduleAsync(IScheduler scheduler, IReadOnlyList<PipelineDefinition> pipelines, Action<string> report, CancellationToken ct)
    {
        var scheduled = pipelines.Where(p => p.Schedule is not null).ToList();
        foreach (var pipeline in scheduled)
        {
            var schedule = PipelineSchedule.Parse(pipeline.Schedule, pipeline.TimeZone).Schedule!;
            var key = new TriggerKey(pipeline.Name, JobGroup);
            var existing = await scheduler.GetTrigger(key, ct).ConfigureAwait(false);
            if (existing is ICronTrigger cron && cron.CronExpressionString == schedule.QuartzExpression && cron.TimeZone.Id == schedule.TimeZone.Id)
            {
                report($"{pipeline.Name}: '{pipeline.Schedule}' ({schedule.TimeZone.Id}), next run {existing.NextFireTimeUtc:u}");
                continue;
            }

            var job = JobBuilder.Create<ScheduledPipelineJob>().WithIdentity(pipeline.Name, JobGroup).UsingJobData(ScheduledPipelineJob.PipelineKey, pipeline.Name).RequestRecovery(clustered is not null).Build();
            // The trigger computes its fire times on the project's clock, not the system's, from the next whole second:
            // Quartz would otherwise count the current second's instant as due, which another node may have fired. An
            // occurrence missed by more than the misfire threshold (every scheduler down) is skipped, not fired late
            // under another instant: `churnops pipelines backfill` queues missed intervals on purpose.
            var now = time.GetUtcNow();
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(key)
                .ForJob(job)
                .StartAt(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1))
                .WithSchedule(CronScheduleBuilder.Create(schedule.QuartzExpression).InTimeZone(schedule.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
            try
            {
                // Two nodes starting together both find no trigger: the first one's insert stands, the second keeps it.
                await scheduler.ScheduleJob(job, [trigger], existing is null ? new ScheduleJobOptions() : ScheduleJobOptions.Replacing, ct).ConfigureAwait(false);
            }
            catch (ObjectAlreadyExistsException)
            {
            }

            var first = (await scheduler.GetTrigger(key, ct).ConfigureAwait(false))?.NextFireTimeUtc;
            report($"{pipeline.Name}: '{pipeline.Schedule}' ({schedule.TimeZone.Id}), next run {first:u}");
        }

        foreach (var stale in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(JobGroup), ct).ConfigureAwait(false))
        {
            if (!scheduled.Any(p => p.Name == stale.Name))
            {
                await scheduler.UnscheduleJob(stale, ct).ConfigureAwait(false);
                report($"{stale.Name}: no longer scheduled, its trigger removed");
            }
        }
    }
}
