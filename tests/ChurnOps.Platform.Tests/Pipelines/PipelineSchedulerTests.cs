using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>The worker on a fake clock: Quartz fires a pipeline's cron trigger in its time zone and the run of that instant runs.</summary>
public sealed class PipelineSchedulerTests
{
    [Fact]
    public async Task RunAsync_CronInBerlinAcrossSpringForward_RunsAtEachScheduledInstant()
    {
        using var bed = await PipelineTestBed.CreateAsync(time => [new TestStepAction("ok", (_, _) => Task.FromResult(StepOutcome.Success()), time)], start: new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        Directory.CreateDirectory(Path.Combine(bed.Root, "pipelines"));
        await File.WriteAllTextAsync(Path.Combine(bed.Root, "pipelines", "nightly.yaml"), """
            name: nightly
            owner: data-engineering
            schedule: "0 6 * * *"
            timezone: Europe/Berlin
            steps: [{ name: a, run: ok }]
            """);
        var catalog = new PipelineCatalog(ProjectLayout.For(bed.Root), bed.Config, bed.Actions);
        var scheduler = new PipelineScheduler(catalog, bed.Dispatcher, bed.Config, bed.Time) { QuartzIdleWait = TimeSpan.FromSeconds(1) };
        var lines = new List<string>();
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(() => scheduler.RunAsync(line => { lock (lines) { lines.Add(line); } }, stop.Token));
        await PipelineTestBed.WaitUntilAsync(() => { lock (lines) { return lines.Any(l => l.StartsWith("scheduler started", StringComparison.Ordinal)); } }, "the scheduler to start");

        var expected = new[] { new DateTimeOffset(2026, 3, 29, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 4, 0, 0, TimeSpan.Zero) };
        foreach (var (fire, count) in expected.Select((f, i) => (f, i + 1)))
        {
            // Walk the clock up to the instant in steps, so the worker's poll timer and Quartz both see time pass.
            while (bed.Time.GetUtcNow() < fire)
            {
                var step = fire - bed.Time.GetUtcNow();
                bed.Time.Advance(step < TimeSpan.FromHours(1) ? step : TimeSpan.FromHours(1));
            }

            await PipelineTestBed.WaitUntilAsync(async () => (await bed.Store.ListRunsAsync("nightly", 10, CancellationToken.None)).Count(r => r.State == PipelineRunState.Succeeded) == count, $"run {count} (worker said: {string.Join(" | ", Snapshot(lines))})");
        }

        await stop.CancelAsync();
        await worker.WaitAsync(TimeSpan.FromSeconds(30));
        var runs = await bed.Store.ListRunsAsync("nightly", 10, CancellationToken.None);
        Assert.Equal(expected.Reverse(), runs.Select(r => r.LogicalDate));
        Assert.All(runs, r => Assert.Equal("schedule", r.Trigger));
        Assert.Contains(lines, l => l.StartsWith("nightly: '0 6 * * *' (Europe/Berlin), next run 2026-03-29 04:00:00Z", StringComparison.Ordinal));
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return lines.ToList();
        }
    }
}
