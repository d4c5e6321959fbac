using ChurnOps.Core.Pipelines;

namespace ChurnOps.Core.Tests.Pipelines;

/// <summary>The pure pipeline model: retry backoff, cycle search (named along the needs), upstream sets and trigger rules.</summary>
public sealed class PipelineModelTests
{
    [Fact]
    public void DelayAfter_Exponential_DoublesUntilTheCap()
    {
        var retry = new RetryPolicy(10, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

        var delays = Enumerable.Range(1, 6).Select(n => retry.DelayAfter(n).TotalSeconds);

        Assert.Equal([30, 60, 120, 240, 300, 300], delays);
    }

    [Fact]
    public void DelayAfter_HugeAttemptNumber_StaysAtTheCapWithoutOverflow()
    {
        var retry = new RetryPolicy(100, TimeSpan.FromDays(300), TimeSpan.FromDays(366));

        Assert.Equal(TimeSpan.FromDays(366), retry.DelayAfter(99));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.None.DelayAfter(1));
    }

    [Fact]
    public void FindCycle_Dag_IsNullAndACycleIsNamedInOrder()
    {
        Assert.Null(PipelineGraph.FindCycle([Step("a"), Step("b", "a"), Step("c", "a", "b")]));
        Assert.Equal(["b", "d", "c", "b"], PipelineGraph.FindCycle([Step("a"), Step("b", "a", "d"), Step("c", "b"), Step("d", "c")]));
    }

    [Fact]
    public void FindCycle_LongChain_DoesNotOverflowTheStack()
    {
        var steps = Enumerable.Range(0, 50_000).Select(i => i == 0 ? Step("s0") : Step($"s{i}", $"s{i - 1}")).ToList();

        Assert.Null(PipelineGraph.FindCycle(steps));
        Assert.Equal(49_999, PipelineGraph.Upstream(steps, "s49999").Count);
    }

    [Theory]
    [InlineData(TriggerRule.AllSuccess, new[] { StepState.Succeeded, StepState.Succeeded }, true)]
    [InlineData(TriggerRule.AllSuccess, new[] { StepState.Succeeded, StepState.Skipped }, false)]
    [InlineData(TriggerRule.AllDone, new[] { StepState.Failed, StepState.Skipped }, true)]
    [InlineData(TriggerRule.OneFailed, new[] { StepState.Succeeded, StepState.Failed }, true)]
    [InlineData(TriggerRule.OneFailed, new[] { StepState.Succeeded, StepState.Skipped }, false)]
    public void ShouldRun_Rules_FollowAirflowsMeaning(TriggerRule rule, StepState[] upstream, bool expected)
    {
        Assert.Equal(expected, TriggerRules.ShouldRun(rule, upstream));
    }

    private static PipelineStep Step(string name, params string[] needs) =>
        new(name, "noop", new Dictionary<string, string>(), null, needs, RetryPolicy.None, null, TriggerRule.AllSuccess, 1);
}
