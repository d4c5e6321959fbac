using System.Diagnostics;
using System.Globalization;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Tracking;

/// <summary>Runs left RUNNING by a process that died are ended as FAILED; live and foreign runs are left alone. Real processes.</summary>
public sealed class RunReaperTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task IsGone_KilledProcess_TrueWhileRunningFalse()
    {
        var (owner, process) = StartSleeper();
        using (process)
        {
            Assert.False(owner.IsGone());

            process.Kill();
            await process.WaitForExitAsync(Ct);

            Assert.True(owner.IsGone());
        }
    }

    [Fact]
    public void IsGone_PidReusedByALaterProcess_True()
    {
        using var self = Process.GetCurrentProcess();
        var earlier = new RunOwner(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime().AddMinutes(-5));

        Assert.True(earlier.IsGone());
        Assert.False(RunOwner.Current().IsGone());
        Assert.False((RunOwner.Current() with { Host = "another-host" }).IsGone());
    }

    [Fact]
    public async Task ReapAsync_RunOfAKilledProcess_FailedWithReasonAndEndTime_OthersUntouched()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var project = await TestProject.CreateAsync(time);
        var logger = project.Workspace.Services.GetRequiredService<RunLogger>();
        var experiment = await logger.GetOrCreateExperimentAsync("churn", Ct);

        var (dead, process) = StartSleeper();
        using (process)
        {
            process.Kill();
            await process.WaitForExitAsync(Ct);
        }

        var orphan = await logger.StartRunAsync(experiment, "killed", dead.ToTags().ToDictionary(), Ct);
        var live = await logger.StartRunAsync(experiment, "live", new Dictionary<string, string>(), Ct);
        var foreign = (await logger.Runs.CreateRunAsync(new NewRun(experiment, "mlflow-client", "someone", null, []), Ct)).Value!.Info.RunId;
        time.Advance(TimeSpan.FromMinutes(3));

        var reaped = await new RunReaper(logger, time).ReapAsync(Ct);

        Assert.Null(reaped.Error);
        var only = Assert.Single(reaped.Value!);
        Assert.Equal(orphan, only.RunId);
        var run = (await logger.Runs.GetRunAsync(orphan, Ct)).Value!;
        Assert.Equal(RunStatus.Failed, run.Info.Status);
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), run.Info.EndTime);
        var reason = run.Data.Tags.Single(t => t.Key == RunOwner.FailureReasonTag).Value;
        Assert.Contains("pid " + dead.Pid.ToString(CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Running, (await logger.Runs.GetRunAsync(live, Ct)).Value!.Info.Status);
        Assert.Equal(RunStatus.Running, (await logger.Runs.GetRunAsync(foreign, Ct)).Value!.Info.Status);
        Assert.Empty((await new RunReaper(logger, time).ReapAsync(Ct)).Value!);
    }

    private static (RunOwner Owner, Process Process) StartSleeper()
    {
        var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        return (new RunOwner(Environment.MachineName, process.Id, process.StartTime.ToUniversalTime()), process);
    }
}
