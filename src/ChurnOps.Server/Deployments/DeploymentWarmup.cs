using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Health;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// Pays a deployment's first costs before its traffic does: each arm's model loaded and one row (every input missing)
/// scored by its engine, once per loaded version; and, once per process, the request path a split adds (routing by
/// sequence and by entity, the candidate's scoring, per-arm counters, the answer's headers, the analysis's snapshot and
/// verdict) run <see cref="PathRounds"/> times, so the JIT has compiled it and counted its calls toward tier 1 before
/// requests arrive. It runs on a private router with throwaway counters: live routes, counters, metrics and the
/// prediction log never see it. A model that cannot load or score is left to its requests (candidate errors, judged).
/// </summary>
internal sealed class DeploymentWarmup(ServedModelCache models, ProjectConfig config, TimeProvider time, ShadowMirror mirror, ILogger logger)
{
    /// <summary>Well past the runtime's 30 calls before a method is queued for tier 1, and a few milliseconds in all.</summary>
    internal const int PathRounds = 200;

    private readonly ConditionalWeakTable<ServedModel, object> _scored = [];

    // Deployments whose arms are both loaded and warm: the analysis asks every check, and after the first it costs
    // nothing (not even the alias cache's registry re-check). One whose candidate failed to load is tried again.
    private readonly ConcurrentDictionary<long, bool> _warmed = new();
    private int _pathRuns;

    /// <summary>How many times the request path was run (0 or 1: once per process is enough for the JIT).</summary>
    public int PathRuns => Volatile.Read(ref _pathRuns);

    public async Task WarmAsync(Deployment deployment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (_warmed.ContainsKey(deployment.Id))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var candidate = await LoadAsync(deployment.ModelName, deployment.CandidateVersion, null, ct).ConfigureAwait(false);

        // The stable arm is answered by the alias's model (the requests' own): loaded as the alias, so the cache holds
        // one copy of that version, not a second one loaded by number.
        var stable = await LoadAsync(deployment.ModelName, deployment.StableVersion, deployment.Alias, ct).ConfigureAwait(false);
        if (stable is not null && stable.Version.Version != deployment.StableVersion)
        {
            await LoadAsync(deployment.ModelName, deployment.StableVersion, null, ct).ConfigureAwait(false);
        }

        if (candidate is null || stable is null)
        {
            return;
        }

        _warmed.TryAdd(deployment.Id, true);
        if (Interlocked.CompareExchange(ref _pathRuns, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await RunPathAsync(deployment, stable, ct).ConfigureAwait(false);
            DeploymentLog.Warmed(logger, deployment.Id, deployment.ModelName, PathRounds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A warm-up that fails costs the first requests some JIT time, nothing else.
        }
    }

    /// <summary>A version by number, or the one <paramref name="alias"/> points at; scored once with a missing-inputs row.</summary>
    private async Task<ServedModel?> LoadAsync(string model, int version, string? alias, CancellationToken ct)
    {
        ServedModel? served;
        try
        {
            (served, _) = alias is null
                ? await models.GetVersionAsync(model, version, ct).ConfigureAwait(false)
                : await models.GetAsync(model, alias, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }

        if (served is not null && !_scored.TryGetValue(served, out _))
        {
            try
            {
                served.Engine.ScoreBatch(ModelReadiness.MissingRow(served));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The candidate's requests count this as errors and the analysis judges them; warming it again would not help.
            }

            _scored.AddOrUpdate(served, served);
        }

        return served;
    }

    private async Task RunPathAsync(Deployment deployment, ServedModel stable, CancellationToken ct)
    {
        using var router = new ServingRouter(time, seed: 0);
        await router.ApplyAsync(deployment with { Shadow = false, Status = DeploymentStatus.Active, CandidateWeight = 50 }).ConfigureAwait(false);
        var routing = new DeploymentRouting(router, models, mirror);
        var row = ModelReadiness.MissingRow(stable);
        var headers = new HeaderDictionary();
        var entity = config.Model.Entity;
        for (var i = 0; i < PathRounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var score = await routing.ScoreAsync(deployment.ModelName, null, stable, row, entity, null, ct).ConfigureAwait(false);
            score.Arm?.Counters.Succeeded(Stopwatch.GetElapsedTime(started).TotalMilliseconds, score.Probabilities);
            router.Route(deployment.ModelName, stable, "warm-up");
            headers.Clear();
            DeploymentHeaders.Set(headers, score.Arm);
        }

        if (router.Current(deployment.ModelName) is { } route)
        {
            route.Candidate.Failed();
            CanaryAnalysis.Judge(route.Stable.Snapshot(), route.Candidate.Snapshot(), config.Deployments.Analysis.Thresholds(config.Gates), labelled: null);
        }
    }
}
