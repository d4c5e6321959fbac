using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// Runs one claimed pipeline run: starts every step whose needs have ended (at most max_parallel_steps at once),
/// decides each by its trigger rule, retries failed attempts after an exponential backoff, stops an attempt at its
/// timeout, hands each step's outputs to the steps after it, and records every attempt. While it runs it renews the
/// run's lease; a process that dies stops renewing, and the run is ended as failed by the next worker or command.
/// </summary>
public sealed class PipelineRunner(IPipelineRunStore store, StepActionRegistry actions, ProjectLayout layout, ProjectConfig config, TimeProvider time)
{
    private PipelineSettings Settings => config.Pipelines;

    public TimeSpan Lease => TimeSpan.FromSeconds(Settings.LeaseSeconds);

    /// <summary>Runs <paramref name="run"/>, which <paramref name="owner"/> has claimed; returns how it ended.</summary>
    public async Task<PipelineRunState> RunAsync(PipelineDefinition pipeline, PipelineRun run, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(run);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeat = new PeriodicTimer(Lease / 3, time);
        var beating = KeepLeaseAsync(heartbeat, run.Id, owner, lost);
        try
        {
            var (state, error) = await RunStepsAsync(pipeline, run, lost.Token).ConfigureAwait(false);
            await store.FinishRunAsync(run.Id, state, error, CancellationToken.None).ConfigureAwait(false);
            return state;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            var reason = cancellationToken.IsCancellationRequested ? "stopped: the process running it was shut down" : "stopped: its lease was lost (another worker ended it)";
            await store.FinishRunAsync(run.Id, PipelineRunState.Failed, reason, CancellationToken.None).ConfigureAwait(false);
            return PipelineRunState.Failed;
        }
        finally
        {
            heartbeat.Dispose();
            await beating.ConfigureAwait(false);
        }
    }

    private async Task KeepLeaseAsync(PeriodicTimer heartbeat, long runId, string owner, CancellationTokenSource lost)
    {
        try
        {
            while (await heartbeat.WaitForNextTickAsync(lost.Token).ConfigureAwait(false))
            {
                if (!await store.RenewLeaseAsync(runId, owner, time.GetUtcNow() + Lease, lost.Token).ConfigureAwait(false))
                {
                    await lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended or the process is stopping.
        }
    }

    private async Task<(PipelineRunState State, string? Error)> RunStepsAsync(PipelineDefinition pipeline, PipelineRun run, CancellationToken ct)
    {
        var states = pipeline.Steps.ToDictionary(s => s.Name, _ => StepState.Pending, StringComparer.Ordinal);
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var running = new Dictionary<Task<StepOutcome>, PipelineStep>();
        var limit = Math.Max(1, Settings.MaxParallelSteps);
        while (true)
        {
            var progressed = true;
            while (progressed)
            {
                progressed = false;
                foreach (var step in pipeline.Steps.Where(s => states[s.Name] == StepState.Pending))
                {
                    var upstream = step.Needs.Select(n => states[n]).ToList();
                    if (upstream.Any(s => s is StepState.Pending or StepState.Running))
                    {
                        continue;
                    }

                    if (!TriggerRules.ShouldRun(step.TriggerRule, upstream))
                    {
                        states[step.Name] = StepState.Skipped;
                        progressed = true;
                        await RecordSkipAsync(run, step, states, ct).ConfigureAwait(false);
                        continue;
                    }

                    if (running.Count >= limit)
                    {
                        break;
                    }

                    states[step.Name] = StepState.Running;
                    running.Add(RunStepAsync(run, step, pipeline.Owner, new Dictionary<string, IReadOnlyDictionary<string, string>>(outputs), ct), step);
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var done = running[finished];
            running.Remove(finished);
            var outcome = await finished.ConfigureAwait(false);
            states[done.Name] = outcome.Succeeded ? StepState.Succeeded : StepState.Failed;
            if (outcome.Succeeded)
            {
                outputs[done.Name] = outcome.Outputs;
            }
            else
            {
                errors[done.Name] = outcome.Error ?? "failed";
            }
        }

        if (errors.Count == 0)
        {
            return (PipelineRunState.Succeeded, null);
        }

        var first = pipeline.Steps.First(s => errors.ContainsKey(s.Name));
        return (PipelineRunState.Failed, $"step '{first.Name}' failed: {errors[first.Name]}{(errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty)}");
    }

    private Task RecordSkipAsync(PipelineRun run, PipelineStep step, Dictionary<string, StepState> states, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var why = string.Join(", ", step.Needs.Select(n => $"{n} {states[n].ToString().ToLowerInvariant()}"));
        var rule = step.TriggerRule switch { TriggerRule.OneFailed => "one_failed", TriggerRule.AllDone => "all_done", _ => "all_success" };
        return store.FinishAttemptAsync(new StepAttempt(run.Id, step.Name, 0, StepState.Skipped, now, now, string.Empty, $"skipped: trigger_rule {rule} does not hold ({why})", new Dictionary<string, string>()), ct);
    }

    private async Task<StepOutcome> RunStepAsync(PipelineRun run, PipelineStep step, string team, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> outputs, CancellationToken ct)
    {
        // Leave the caller's loop before doing any work, so ready steps start together.
        await Task.Yield();
        var outcome = StepOutcome.Failure("not run");
        Task? backoff = null;
        for (var attempt = 1; attempt <= step.Retry.Attempts; attempt++)
        {
            if (backoff is not null)
            {
                await backoff.ConfigureAwait(false);
            }

            var started = time.GetUtcNow();
            await store.StartAttemptAsync(run.Id, step.Name, attempt, ct).ConfigureAwait(false);
            var log = new StepLog();
            var (outcomeNow, retryable) = await AttemptAsync(run, step, attempt, outputs, log, ct).ConfigureAwait(false);
            outcome = outcomeNow;
            var last = outcome.Succeeded || !retryable || attempt == step.Retry.Attempts;
            // The wait starts before the attempt is recorded, so whoever sees the failure sees the clock already running.
            backoff = last ? null : Task.Delay(step.Retry.DelayAfter(attempt), time, ct);
            if (backoff is not null)
            {
                log.Write($"retrying in {step.Retry.DelayAfter(attempt)} (attempt {attempt + 1} of {step.Retry.Attempts})");
            }

            var ended = time.GetUtcNow();
            await store.FinishAttemptAsync(new StepAttempt(run.Id, step.Name, attempt, outcome.Succeeded ? StepState.Succeeded : StepState.Failed, started, ended, log.ToString(), outcome.Error, outcome.Outputs), ct).ConfigureAwait(false);
            PipelineMetrics.Attempted(run.Pipeline, step.Action ?? "shell", team, outcome.Succeeded, (ended - started).TotalSeconds);
            if (last)
            {
                break;
            }
        }

        return outcome;
    }

    private async Task<(StepOutcome Outcome, bool Retryable)> AttemptAsync(PipelineRun run, PipelineStep step, int attempt, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> outputs, StepLog log, CancellationToken ct)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in step.Args)
        {
            var (resolved, error) = StepArguments.Resolve(value, run, outputs);
            if (resolved is null)
            {
                return (StepOutcome.Failure($"args.{name}: {error}"), false);
            }

            args[name] = resolved;
        }

        string? command = null;
        if (step.Shell is { } shell)
        {
            (command, var error) = StepArguments.Resolve(shell, run, outputs);
            if (command is null)
            {
                return (StepOutcome.Failure("shell: " + error), false);
            }
        }

        IPipelineStepAction? action = null;
        if (step.Action is { } name2 && (action = actions.Find(name2)) is null)
        {
            return (StepOutcome.Failure($"unknown action '{name2}'"), false);
        }

        var context = new StepContext(run, step, attempt, args, log.Write, layout.Root);
        using var timeout = step.Timeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var work = action is not null ? action.RunAsync(context, linked.Token) : ShellStep.RunAsync(command!, context, linked.Token);
            // WaitAsync returns at the timeout even when the step ignores its token (a hung call).
            return (await work.WaitAsync(linked.Token).ConfigureAwait(false), true);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            log.Write($"stopped: timed out after {step.Timeout}");
            return (StepOutcome.Failure($"timed out after {step.Timeout}"), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A step's unexpected exception fails the attempt (and is retried), never the scheduler.
            log.Write(ex.ToString());
            return (StepOutcome.Failure($"{ex.GetType().Name}: {ex.Message}"), true);
        }
    }
}
