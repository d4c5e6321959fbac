using System.Diagnostics;

namespace ChurnOps.Cli.Tests.Pipelines;

/// <summary>`churnops pipelines …` as a user runs it: the real binary in its own process on a fresh reference project.</summary>
public sealed class PipelinesCommandTests : TemplateProjectTests
{
    [Fact]
    public async Task Validate_InitProject_PassesWithTheReferencePipelines()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "pipelines", "validate");

        Assert.True(exit == 0, stderr);
        Assert.Equal("3 pipeline(s) valid: batch_scoring, customer_data, training", stdout.Trim());
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public async Task Validate_BrokenFiles_PrintsEveryErrorWithFileAndLine()
    {
        WritePipeline("loop.yaml", """
            name: loop
            owner: t
            triggers:
              - event: data.customer.update
            steps:
              - { name: a, shell: "true", needs: [b] }
              - { name: b, shell: "true", needs: [a] }
            """);
        WritePipeline("broken.yaml", "name: broken\nsteps: [ {name: a\n");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "pipelines", "validate");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("error: pipelines/broken.yaml:", lines[0], StringComparison.Ordinal);
        Assert.Contains("error: pipelines/loop.yaml:4: unknown trigger event 'data.customer.update'", stderr, StringComparison.Ordinal);
        Assert.Contains("error: pipelines/loop.yaml:6: the steps' needs form a cycle: a -> b -> a", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ShellPipeline_RecordsHistoryAndLogsWithOutputsAndParameters()
    {
        WritePipeline("hello.yaml", """
            name: hello
            owner: data-engineering
            parameters: { who: world }
            steps:
              - name: greet
                shell: echo "hello ${params.who}"; echo "::output greeting=hi-${params.who}"
              - name: answer
                shell: echo "got ${steps.greet.outputs.greeting}"
                needs: [greet]
            """);

        var run = await CliProcess.RunAsync(Project.Root, "pipelines", "run", "hello", "--param", "who=ops");
        var history = await CliProcess.RunAsync(Project.Root, "pipelines", "history", "hello");
        var logs = await CliProcess.RunAsync(Project.Root, "pipelines", "logs", "1", "answer");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("run 1 (hello) succeeded", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("greeting=hi-ops", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1\thello\tsucceeded\tmanual", history.Stdout, StringComparison.Ordinal);
        Assert.Contains("  got hi-ops", logs.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hello ops", logs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadInput_IsOneLineWithANonZeroExit()
    {
        WritePipeline("hello.yaml", """
            name: hello
            owner: t
            steps: [{ name: a, shell: "exit 4" }]
            """);

        var unknownParameter = await CliProcess.RunAsync(Project.Root, "pipelines", "run", "hello", "--param", "colour=blue");
        var unknownPipeline = await CliProcess.RunAsync(Project.Root, "pipelines", "run", "nope");
        var failing = await CliProcess.RunAsync(Project.Root, "pipelines", "run", "hello");

        Assert.Equal(2, unknownParameter.ExitCode);
        Assert.Equal("error: pipeline 'hello' has no parameter 'colour' (parameters: none)", unknownParameter.Stderr.Trim());
        Assert.Equal(1, unknownPipeline.ExitCode);
        Assert.StartsWith("error: no pipeline 'nope' in ", unknownPipeline.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, failing.ExitCode);
        Assert.Equal("error: run 1 (hello) failed: step 'a' failed: the command exited with code 4 (churnops pipelines logs 1)", failing.Stderr.Trim());
    }

    [Fact]
    public async Task Backfill_HourlyRange_RunsOncePerIntervalAndNotAgain()
    {
        WritePipeline("hourly.yaml", """
            name: hourly
            owner: data-engineering
            schedule: "@hourly"
            steps: [{ name: a, shell: "echo ${run.logical_date}" }]
            """);

        var first = await CliProcess.RunAsync(Project.Root, "pipelines", "backfill", "hourly", "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-01T03:00:00Z");
        var second = await CliProcess.RunAsync(Project.Root, "pipelines", "backfill", "hourly", "--from", "2026-11-01", "--to", "2026-11-01T03:00:00Z");
        var logs = await CliProcess.RunAsync(Project.Root, "pipelines", "logs", "3");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("3 run(s) to backfill; 0 interval(s) already have a run", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("run 3 for 2026-11-01 02:00:00Z: succeeded", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 run(s) to backfill; 3 interval(s) already have a run", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("  2026-11-01T02:00:00Z", logs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseAndResume_ShowInList()
    {
        var paused = await CliProcess.RunAsync(Project.Root, "pipelines", "pause", "training");
        var listed = await CliProcess.RunAsync(Project.Root, "pipelines", "list");
        await CliProcess.RunAsync(Project.Root, "pipelines", "resume", "training");
        var resumed = await CliProcess.RunAsync(Project.Root, "pipelines", "list");

        Assert.Equal("training paused", paused.Stdout.Trim());
        Assert.Contains("training\tdata-science\t0 6 * * * (Europe/Berlin)\tdata.customers.updated, drift.churn.detected\tfeatures train\tyes", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("features train\tno", resumed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KilledMidStep_IsMarkedFailedWithTheReasonByTheNextCommand()
    {
        var marker = Path.Combine(Project.Root, "step-started");
        WritePipeline("sleepy.yaml", $$"""
            name: sleepy
            owner: t
            steps: [{ name: nap, shell: "touch '{{marker}}'; sleep 120" }]
            """);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Project.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "churnops.dll"));
        foreach (var arg in new[] { "pipelines", "run", "sleepy" })
        {
            start.ArgumentList.Add(arg);
        }

        // A short lease so the dead run is found within the test's bound.
        start.Environment["CHURNOPS__PIPELINES__LEASE_SECONDS"] = "3";
        using (var process = Process.Start(start)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(marker))
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "the step did not start");
                await Task.Delay(50);
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        (int ExitCode, string Stdout, string Stderr) history;
        var until = DateTime.UtcNow.AddSeconds(60);
        do
        {
            history = await CliProcess.RunAsync(Project.Root, "pipelines", "history", "sleepy");
            Assert.True(DateTime.UtcNow < until, "the killed run was never marked failed: " + history.Stdout);
        }
        while (!history.Stdout.Contains("\tfailed\t", StringComparison.Ordinal));

        Assert.Contains("note: pipeline run 1 (sleepy) marked failed: the process running it (", history.Stderr, StringComparison.Ordinal);
        Assert.Contains(") stopped: its lease expired at ", history.Stderr, StringComparison.Ordinal);
        var logs = await CliProcess.RunAsync(Project.Root, "pipelines", "logs", "1");
        Assert.Contains("== nap attempt 1: failed", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("error: interrupted: the process running it", logs.Stdout, StringComparison.Ordinal);
    }

    private void WritePipeline(string file, string yaml) => File.WriteAllText(Path.Combine(Project.Root, "pipelines", file), yaml);
}
