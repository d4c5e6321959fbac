using ChurnOps.Core.Deployments;
using ChurnOps.Storage.Deployments;
using ChurnOps.Storage.Metadata;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Deployments;

/// <summary>Deployments on every metadata engine: one open deployment per model, compare-and-set steps, and the history they leave.</summary>
public abstract class DeploymentStoreContractTests
{
    /// <summary>A migrated, empty metadata database; opening again in the same test gives the same data.</summary>
    protected abstract Task<MetadataDatabase> OpenDatabaseAsync();

    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task CreateAsync_SecondOpenDeploymentOfTheModel_NullButAnotherModelIsFine()
    {
        var store = await CreateStoreAsync();

        var first = await store.CreateAsync(New("churn"), Ct);
        var second = await store.CreateAsync(New("churn"), Ct);
        var other = await store.CreateAsync(New("upsell"), Ct);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(other);
        Assert.Equal([first!.Id, other!.Id], (await store.ListOpenAsync(Ct)).Select(d => d.Id));
    }

    [Fact]
    public async Task CreateAsync_RoundTripsThePlan_AtTheFirstStep()
    {
        var store = await CreateStoreAsync();

        var created = (await store.CreateAsync(New("churn"), Ct))!;

        Assert.Equal(("churn", "champion", 1, 2, 0, 10, TimeSpan.FromSeconds(90), DeploymentStatus.Active), (created.ModelName, created.Alias, created.StableVersion, created.CandidateVersion, created.StepIndex, created.CandidateWeight, created.Interval, created.Status));
        Assert.Equal([10, 50, 100], created.Steps);
        Assert.Equal(_time.GetUtcNow(), created.StepStartedAt);
        Assert.Equal("started", Assert.Single(await store.ListEventsAsync(created.Id, Ct)).Action);
    }

    [Fact]
    public async Task TransitionAsync_StaleStep_LosesAndLeavesNoHistory()
    {
        var store = await CreateStoreAsync();
        var created = (await store.CreateAsync(New("churn"), Ct))!;
        _time.Advance(TimeSpan.FromMinutes(2));
        var figures = new ArmFigures("candidate", 2, 300, 1, 4.5, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var checks = new AnalysisCheck("score_psi", CheckOutcome.Passed, "0.01", "<= 0.25", "ok");

        var moved = await store.TransitionAsync(created.Id, Step(0, 1, 50, [figures], [checks]), Ct);
        var again = await store.TransitionAsync(created.Id, Step(0, 1, 50, [], []), Ct);

        Assert.Equal((1, 50, _time.GetUtcNow()), (moved!.StepIndex, moved.CandidateWeight, moved.StepStartedAt));
        Assert.Null(again);
        var history = await store.ListEventsAsync(created.Id, Ct);
        Assert.Equal(["started", "passed"], history.Select(e => e.Action));
        Assert.Equal(figures.ScoreHistogram, history[1].Figures.Single().ScoreHistogram);
        Assert.Equal(checks, history[1].Checks.Single());
    }

    [Fact]
    public async Task TransitionAsync_Closed_FreesTheModelForANewDeployment()
    {
        var store = await CreateStoreAsync();
        var created = (await store.CreateAsync(New("churn"), Ct))!;

        var rolledBack = await store.TransitionAsync(created.Id, new DeploymentTransition(0, DeploymentStatus.Active, 0, 0, DeploymentStatus.RolledBack, "rolled-back", [], [], "error_rate: 0.5 > 0.01"), Ct);
        var next = await store.CreateAsync(New("churn"), Ct);

        Assert.Equal((DeploymentStatus.RolledBack, 0, "error_rate: 0.5 > 0.01"), (rolledBack!.Status, rolledBack.CandidateWeight, rolledBack.Reason));
        Assert.NotNull(next);
        Assert.DoesNotContain(await store.ListOpenAsync(Ct), d => d.Id == created.Id);
        Assert.Equal([next!.Id, created.Id], (await store.ListAsync(10, Ct)).Select(d => d.Id));
    }

    private static NewDeployment New(string model) => new(model, "champion", 1, 2, [10, 50, 100], TimeSpan.FromSeconds(90), false, "tester");

    private static DeploymentTransition Step(int from, int to, int weight, IReadOnlyList<ArmFigures> figures, IReadOnlyList<AnalysisCheck> checks) =>
        new(from, DeploymentStatus.Active, to, weight, DeploymentStatus.Active, "passed", figures, checks, null);

    private async Task<SqlDeploymentStore> CreateStoreAsync() => new(await OpenDatabaseAsync(), _time);
}
