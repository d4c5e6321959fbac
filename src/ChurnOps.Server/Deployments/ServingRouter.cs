using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// Splits each model's traffic between its deployment's arms by weight: sticky by entity id (a hash of the id and the
/// deployment, so a customer keeps the arm, and keeps the candidate as its weight rises), otherwise by a seeded sequence.
/// The routes are an immutable map swapped whole, so a request reads one consistent deployment without a lock, and a
/// model without a deployment costs one dictionary lookup; a routed request allocates nothing (the route's tickets are
/// made once per step).
/// </summary>
internal sealed class ServingRouter(TimeProvider time, int seed) : IServingRouter, IDisposable
{
    /// <summary>Where a thread's counter and number sit in its array: a cache line of padding each side of them.</summary>
    private const int SequenceSlot = 8;

    /// <summary>Longer than the alias cache's refresh interval, so the alias has swapped before the hand-over ends.</summary>
    internal static readonly TimeSpan Handover = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private volatile Dictionary<string, DeploymentRoute> _routes = new(StringComparer.Ordinal);

    // The seeded sequence is one per thread (numbered in the order threads first route), not one shared counter: a
    // shared Interlocked counter would be a cache line every routed request writes, on every core.
    private readonly ThreadLocal<long[]> _sequences = new(() => new long[(SequenceSlot * 2) + 2]);
    private int _threads;

    public ArmTicket? Route(string model, ServedModel aliasModel, string? entityId)
    {
        ArgumentNullException.ThrowIfNull(aliasModel);
        var routes = _routes;
        if (routes.Count == 0 || !routes.TryGetValue(model, out var route))
        {
            return null;
        }

        var deployment = route.Deployment;
        if (route.HandoverUntil is { } until)
        {
            return aliasModel.Version.Version == deployment.CandidateVersion || time.GetUtcNow() > until
                ? null
                : route.CandidateTicket;
        }

        var toCandidate = Bucket(deployment.Id, entityId) < deployment.CandidateWeight;
        if (deployment.Shadow)
        {
            return toCandidate ? route.MirroredTicket : route.StableTicket;
        }

        return toCandidate ? route.CandidateTicket : route.StableTicket;
    }

    /// <summary>The route of a model now, for the analysis.</summary>
    public DeploymentRoute? Current(string model) => _routes.TryGetValue(model, out var route) ? route : null;

    public IReadOnlyCollection<DeploymentRoute> All => _routes.Values;

    /// <summary>
    /// Routes exactly the open deployments <paramref name="read"/> returns (from the store); counters survive when the
    /// step did not change, and a deployment that completed in this process keeps its hand-over until it runs out. The
    /// read happens under the same lock as <see cref="ApplyAsync(Deployment)"/>, so a move made while the store was being
    /// read is applied after it, never overwritten by the older read.
    /// </summary>
    public async Task RefreshAsync(Func<Task<IReadOnlyList<Deployment>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _applyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var open = await read().ConfigureAwait(false);
            var now = time.GetUtcNow();
            var next = new Dictionary<string, DeploymentRoute>(StringComparer.Ordinal);
            foreach (var deployment in open)
            {
                next[deployment.ModelName] = RouteFor(deployment);
            }

            foreach (var (model, route) in _routes)
            {
                if (route.HandoverUntil is { } until && until > now && !next.ContainsKey(model))
                {
                    next[model] = route;
                }
            }

            _routes = next;
        }
        finally
        {
            _applyLock.Release();
        }
    }

    /// <summary>One deployment just moved (by the analysis or the API): its route changes at once, before the next read of the store.</summary>
    public async Task ApplyAsync(Deployment moved)
    {
        ArgumentNullException.ThrowIfNull(moved);
        await _applyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var next = new Dictionary<string, DeploymentRoute>(_routes, StringComparer.Ordinal);
            if (moved.IsOpen)
            {
                next[moved.ModelName] = RouteFor(moved);
            }
            else if (moved.Status == DeploymentStatus.Completed)
            {
                next[moved.ModelName] = RouteFor(moved).HandingOverUntil(time.GetUtcNow() + Handover);
            }
            else if (next.TryGetValue(moved.ModelName, out var current) && current.Deployment.Id == moved.Id)
            {
                next.Remove(moved.ModelName);
            }

            _routes = next;
        }
        finally
        {
            _applyLock.Release();
        }
    }

    private DeploymentRoute RouteFor(Deployment deployment)
    {
        if (_routes.TryGetValue(deployment.ModelName, out var current) && current.SameStep(deployment))
        {
            return current.With(deployment);
        }

        return new DeploymentRoute(
            deployment,
            new ArmCounters(DeploymentArms.Stable, deployment.StableVersion),
            new ArmCounters(DeploymentArms.Candidate, deployment.CandidateVersion),
            handoverUntil: null);
    }

    public void Dispose()
    {
        _applyLock.Dispose();
        _sequences.Dispose();
    }

    /// <summary>0..99: from the entity id when there is one (FNV-1a, salted with the deployment), else from the thread's seeded sequence.</summary>
    private int Bucket(long deploymentId, string? entityId)
    {
        ulong hash;
        if (entityId is { Length: > 0 })
        {
            hash = 14695981039346656037UL ^ (ulong)deploymentId;
            foreach (var ch in entityId)
            {
                hash = (hash ^ ch) * 1099511628211UL;
            }

            hash = Mix(hash);
        }
        else
        {
            var sequence = _sequences.Value!;
            if (sequence[SequenceSlot + 1] == 0)
            {
                sequence[SequenceSlot + 1] = Interlocked.Increment(ref _threads);
            }

            var next = ++sequence[SequenceSlot];
            hash = Mix((ulong)seed + ((ulong)sequence[SequenceSlot + 1] * 0xD1B54A32D192ED03UL) + ((ulong)next * 0x9E3779B97F4A7C15UL));
        }

        return (int)(hash % 100);
    }

    /// <summary>SplitMix64's finaliser: spreads neighbouring inputs over the whole range.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
