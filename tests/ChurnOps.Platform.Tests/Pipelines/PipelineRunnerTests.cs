using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>The DAG runner over the real SQLite store with a fake clock: parallelism, retries, timeouts, trigger rules, outputs.</summary>
public sealed class PipelineRunnerTests
{
    [Fact]
    public async Task RunAsync_OutputsAndParameters_ReachDownstreamArguments()
    {
        using var bed = await PipelineTestBed.CreateAsync(time =>
        [
            new TestStepAction("produce", (_, _) => Task.FromResult(StepOutcome.Success(new Dictionary<string, string> { ["dataset_version"] = "sha256:abc" })), time),
            new TestStepAction("consume", (_, _) => Task.FromResult(StepOutcome.Success()), time),
        ]);
        var pipeline = bed.Pipeline("""
            name: p
            owner: data-engineering
            parameters: { experiment: nightly }
            steps:
              - name: load
                run: produce
              - name: build
                run: consume
                args: { value: "${steps.load.outputs.dataset_version}/${params.experiment}", other: "${run.id}" }
                needs: [load]
            """);

        var (run, done) = await bed.StartAsync(pipeline, new Dictionary<string, string> { ["experiment"] = "adhoc" });
        var ended = await PipelineTestBed.FinishedAsync(done);

        Assert.Equal(PipelineRunState.Succeeded, ended.State);
        var consume = (TestStepAction)bed.Actions.Find("consume")!;
        Assert.Equal("sha256:abc/adhoc", Assert.Single(consume.Calls).Args["value"]);
        Assert.Equal(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), consume.Calls[0].Args["other"]);
        var attempts = await bed.Store.ListAttemptsAsync(run.Id, CancellationToken.None);
        Assert.Equal("sha256:abc", attempts.Single(a => a.Step == "load").Outputs["dataset_version"]);
    }

    [Fact]
    public async Task RunAsync_IndependentReadySteps_RunAtTheSameTimeUpToTheBound()
    {
        var release = new TaskCompletionSource();
        var running = 0;
        var most = 0;
        using var bed = await PipelineTestBed.CreateAsync(time =>
        [
            new TestStepAction("wait", async (_, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await release.Task.WaitAsync(ct);
                Interlocked.Decrement(ref running);
                return StepOutcome.Success();
            }, time),
        ], maxParallel: 2);
        var pipeline = bed.Pipeline("""
            name: fan
            owner: t
            steps:
              - { name: a, run: wait }
              - { name: b, run: wait }
              - { name: c, run: wait }
            """);

        var (_, done) = await bed.StartAsync(pipeline);
        await PipelineTestBed.WaitUntilAsync(() => Volatile.Read(ref running) == 2, "two steps running together");
        release.SetResult();
        var ended = await PipelineTestBed.FinishedAsync(done);

        Assert.Equal(PipelineRunState.Succeeded, ended.State);
        Assert.Equal(2, most);
        Assert.Equal(3, ((TestStepAction)bed.Actions.Find("wait")!).Calls.Count);
    }

    [Fact]
    public async Task RunAsync_FailingStep_RetriesAfterExponentialBackoffCappedAtMax()
    {
        using var bed = await PipelineTestBed.CreateAsync(time =>
        [
            new TestStepAction("flaky", (ctx, _) => Task.FromResult(ctx.Attempt < 4 ? StepOutcome.Failure($"try {ctx.Attempt} failed") : StepOutcome.Success()), time),
        ]);
        var pipeline = bed.Pipeline("""
            name: r
            owner: t
            steps:
              - name: s
                run: flaky
                retry: { attempts: 4, backoff: 10s, max_backoff: 25s }
            """);

        var (run, done) = await bed.StartAsync(pipeline);
        foreach (var (attempt, wait) in new[] { (1, 10), (2, 20), (3, 25) })
        {
            await bed.WaitForAttemptsAsync(run.Id, a => a.Any(x => x.Attempt == attempt && x.State == StepState.Failed));
            bed.Time.Advance(TimeSpan.FromSeconds(wait));
        }

        var ended = await PipelineTestBed.FinishedAsync(done);

        Assert.Equal(PipelineRunState.Succeeded, ended.State);
        var calls = ((TestStepAction)bed.Actions.Find("flaky")!).Calls.Select(c => (c.At - PipelineTestBed.Start).TotalSeconds).ToList();
        // Each try starts exactly when its backoff ends: 10 s, then 20 s, then 20 s capped to 25 s → 10, 30, 55.
        Assert.Equal([0, 10, 30, 55], calls);
        var attempts = await bed.Store.ListAttemptsAsync(run.Id, CancellationToken.None);
        Assert.Equal([StepState.Failed, StepState.Failed, StepState.Failed, StepState.Succeeded], attempts.OrderBy(a => a.Attempt).Select(a => a.State));
        Assert.Equal("try 2 failed", attempts.Single(a => a.Attempt == 2).Error);
    }

    [Fact]
    public async Task RunAsync_StepThatHangs_StopsAtItsTimeoutAndFailsTheRun()
    {
        var started = new TaskCompletionSource();
        using var bed = await PipelineTestBed.CreateAsync(time =>
        [
            // Ignores its token: only the runner's own timeout can end it.
            new TestStepAction("hang", (_, _) =>
            {
                started.TrySetResult();
                return new TaskCompletionSource<StepOutcome>().Task;
            }, time),
        ]);
        var pipeline = bed.Pipeline("""
            name: h
            owner: t
            steps:
              - { name: stuck, run: hang, timeout: 5m }
            """);

        var (run, done) = await bed.StartAsync(pipeline);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        bed.Time.Advance(TimeSpan.FromMinutes(5));
        var ended = await PipelineTestBed.FinishedAsync(done);

        Assert.Equal(PipelineRunState.Failed, ended.State);
        Assert.Equal("step 'stuck' failed: timed out after 00:05:00", ended.Error);
        var attempt = Assert.Single(await bed.Store.ListAttemptsAsync(run.Id, CancellationToken.None));
        Assert.Equal(StepState.Failed, attempt.State);
        Assert.Equal(TimeSpan.FromMinutes(5), attempt.EndedAt - attempt.StartedAt);
    }

    [Fact]
    public async Task RunAsync_TriggerRules_DecideWhichStepsRunAfterAFailure()
    {
        using var bed = await PipelineTestBed.CreateAsync(time =>
        [
            new TestStepAction("fail", (_, _) => Task.FromResult(StepOutcome.Failure("boom")), time),
            new TestStepAction("ok", (_, _) => Task.FromResult(StepOutcome.Success()), time),
        ]);
        var pipeline = bed.Pipeline("""
            name: rules
            owner: t
            steps:
              - { name: good, run: ok }
              - { name: bad, run: fail }
              - { name: after_success, run: ok, needs: [good, bad] }
              - { name: cleanup, run: ok, needs: [good, bad], trigger_rule: all_done }
              - { name: on_failure, run: ok, needs: [bad], trigger_rule: one_failed }
              - { name: no_failure, run: ok, needs: [good], trigger_rule: one_failed }
              - { name: downstream, run: ok, needs: [after_success] }
            """);

        var (run, done) = await bed.StartAsync(pipeline);
        var ended = await PipelineTestBed.FinishedAsync(done);

        Assert.Equal(PipelineRunState.Failed, ended.State);
        Assert.Equal("step 'bad' failed: boom", ended.Error);
        var states = (await bed.Store.ListAttemptsAsync(run.Id, CancellationToken.None)).ToDictionary(a => a.Step, a => a.State);
        Assert.Equal(StepState.Succeeded, states["good"]);
        Assert.Equal(StepState.Failed, states["bad"]);
        Assert.Equal(StepState.Skipped, states["after_success"]);
        Assert.Equal(StepState.Succeeded, states["cleanup"]);
        Assert.Equal(StepState.Succeeded, states["on_failure"]);
        Assert.Equal(StepState.Skipped, states["no_failure"]);
        Assert.Equal(StepState.Skipped, states["downstream"]);
    }

    [Fact]
    public async Task RunAsync_ShellStepExitsNonZero_FailsWithExitCodeAndKeepsItsOutput()
    {
        using var bed = await PipelineTestBed.CreateAsync();
        var pipeline = bed.Pipeline("""
            name: sh
            owner: t
            steps:
              - name: produce
                shell: echo "::output rows=12"; echo made it
              - name: check
                shell: echo "got ${steps.produce.outputs.rows}"; echo "no space left" >&2; exit 3
                needs: [produce]
            """);

        var (run, done) = await bed.StartAsync(pipeline);
        var ended = await PipelineTestBed.FinishedAsync(done);

        Assert.Equal(PipelineRunState.Failed, ended.State);
        var attempts = (await bed.Store.ListAttemptsAsync(run.Id, CancellationToken.None)).ToDictionary(a => a.Step);
        Assert.Equal("12", attempts["produce"].Outputs["rows"]);
        Assert.Equal("the command exited with code 3: no space left", attempts["check"].Error);
        Assert.Contains("got 12", attempts["check"].Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShellStepThatHangs_IsKilledAtItsTimeout()
    {
        using var bed = await PipelineTestBed.CreateAsync();
        var marker = Path.Combine(bed.Root, "started");
        var pipeline = bed.Pipeline($$"""
            name: sleepy
            owner: t
            steps:
              - name: sleep
                shell: touch '{{marker}}'; sleep 600
                timeout: 2s
            """);

        var (run, done) = await bed.StartAsync(pipeline);
        await PipelineTestBed.WaitUntilAsync(() => File.Exists(marker), "the shell step to start");
        bed.Time.Advance(TimeSpan.FromSeconds(2));
        var ended = await PipelineTestBed.FinishedAsync(done);

        Assert.Equal(PipelineRunState.Failed, ended.State);
        Assert.Equal("step 'sleep' failed: timed out after 00:00:02", ended.Error);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
