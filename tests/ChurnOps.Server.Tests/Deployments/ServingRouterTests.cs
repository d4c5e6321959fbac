using ChurnOps.Core.Deployments;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Server.Tests.Deployments;

public sealed class ServingRouterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
    private static readonly ServedModel Alias = new(new ModelVersion("churn", 1, "run", "path", "logreg", new Dictionary<string, double>(), new ModelLineage(null, new Dictionary<string, string>(), null, null, 1, null, null), "t", T0, null), null!, T0);

    [Fact]
    public async Task Route_CustomerOnTheCandidate_StaysThereAsTheWeightRises()
    {
        using var router = new ServingRouter(new FakeTimeProvider(T0), seed: 1);
        await router.ApplyAsync(Deployment(weight: 10, step: 0));
        var customers = Enumerable.Range(0, 2000).Select(i => "C" + i).ToList();
        var atTen = customers.Where(c => router.Route("churn", Alias, c)!.IsCandidate).ToList();

        await router.ApplyAsync(Deployment(weight: 50, step: 1));
        var atFifty = customers.Where(c => router.Route("churn", Alias, c)!.IsCandidate).ToHashSet();

        Assert.InRange(atTen.Count, 140, 260);
        Assert.InRange(atFifty.Count, 900, 1100);
        Assert.All(atTen, c => Assert.Contains(c, atFifty));
    }

    [Fact]
    public async Task Route_NoEntity_SeededSplitNearTheWeight_AndRepeatable()
    {
        using var first = new ServingRouter(new FakeTimeProvider(T0), seed: 7);
        using var second = new ServingRouter(new FakeTimeProvider(T0), seed: 7);
        await first.ApplyAsync(Deployment(weight: 10, step: 0));
        await second.ApplyAsync(Deployment(weight: 10, step: 0));

        var a = Enumerable.Range(0, 5000).Select(_ => first.Route("churn", Alias, null)!.Arm).ToList();
        var b = Enumerable.Range(0, 5000).Select(_ => second.Route("churn", Alias, null)!.Arm).ToList();

        Assert.Equal(a, b);
        Assert.InRange(a.Count(arm => arm == DeploymentArms.Candidate), 400, 600);
    }

    [Fact]
    public async Task Route_NoEntityFromManyThreads_EachThreadItsOwnSequence_SplitNearTheWeight()
    {
        using var router = new ServingRouter(new FakeTimeProvider(T0), seed: 7);
        await router.ApplyAsync(Deployment(weight: 10, step: 0));
        const int Threads = 8;
        const int PerThread = 5000;
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return Enumerable.Range(0, PerThread).Select(_ => router.Route("churn", Alias, null)!.IsCandidate).ToArray();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        var perThread = await Task.WhenAll(workers);

        Assert.InRange(perThread.Sum(arms => arms.Count(candidate => candidate)), 3600, 4400);
        Assert.Equal(Threads, perThread.Select(arms => string.Concat(arms.Select(candidate => candidate ? 'c' : 's'))).Distinct().Count());
    }

    [Fact]
    public async Task RefreshAsync_SameStep_NewTicketsKeepTheLoadedModels()
    {
        using var router = new ServingRouter(new FakeTimeProvider(T0), seed: 1);
        await router.RefreshAsync(() => Task.FromResult<IReadOnlyList<Deployment>>([Deployment(weight: 10, step: 0)]));
        var before = router.Current("churn")!;
        var candidate = Alias with { Version = Alias.Version with { Version = 2 } };
        before.CandidateTicket.Model = candidate;

        await router.RefreshAsync(() => Task.FromResult<IReadOnlyList<Deployment>>([Deployment(weight: 10, step: 0)]));
        var after = router.Current("churn")!;

        Assert.NotSame(before, after);
        Assert.Same(candidate, after.CandidateTicket.Model);
        Assert.Null(after.StableTicket.Model);
    }

    [Fact]
    public async Task RefreshAsync_SameStep_KeepsCounters_NewStepOrClosed_StartsOverOrStopsRouting()
    {
        using var router = new ServingRouter(new FakeTimeProvider(T0), seed: 1);
        await router.RefreshAsync(() => Task.FromResult<IReadOnlyList<Deployment>>([Deployment(weight: 10, step: 0)]));
        router.Current("churn")!.Candidate.Failed();

        await router.RefreshAsync(() => Task.FromResult<IReadOnlyList<Deployment>>([Deployment(weight: 10, step: 0)]));
        var kept = router.Current("churn")!.Candidate.Snapshot().Requests;
        await router.RefreshAsync(() => Task.FromResult<IReadOnlyList<Deployment>>([Deployment(weight: 50, step: 1)]));
        var fresh = router.Current("churn")!.Candidate.Snapshot().Requests;
        await router.ApplyAsync(Deployment(weight: 0, step: 1) with { Status = DeploymentStatus.RolledBack });

        Assert.Equal((1, 0), (kept, fresh));
        Assert.Null(router.Route("churn", Alias, "C1"));
    }

    [Fact]
    public async Task Route_JustCompleted_CandidateUntilTheAliasSwapsOrTheHandoverEnds()
    {
        var time = new FakeTimeProvider(T0);
        using var router = new ServingRouter(time, seed: 1);
        await router.ApplyAsync(Deployment(weight: 100, step: 1) with { Status = DeploymentStatus.Completed });

        var beforeSwap = router.Route("churn", Alias, "C1");
        var afterSwap = router.Route("churn", Alias with { Version = Alias.Version with { Version = 2 } }, "C1");
        time.Advance(ServingRouter.Handover + TimeSpan.FromSeconds(1));
        var afterHandover = router.Route("churn", Alias, "C1");

        Assert.True(beforeSwap!.IsCandidate);
        Assert.Null(afterSwap);
        Assert.Null(afterHandover);
    }

    private static Deployment Deployment(int weight, int step) =>
        new(1, "churn", "champion", 1, 2, [10, 50, 100], step, weight, TimeSpan.FromMinutes(1), false, DeploymentStatus.Active, "t", T0, T0, null);
}
