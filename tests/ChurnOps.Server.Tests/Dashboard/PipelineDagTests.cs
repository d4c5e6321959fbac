using ChurnOps.Core.Pipelines;
using ChurnOps.Server.Dashboard.Graphs;
using ChurnOps.Server.Dashboard.Pipelines;

namespace ChurnOps.Server.Tests.Dashboard;

public sealed class PipelineDagTests
{
    private static readonly PipelineDefinition Pipeline = new("training", "data-science", null, null, [], new Dictionary<string, string>(),
    [
        Step("ingest", []),
        Step("features", ["ingest"]),
        Step("train", ["features"]),
        Step("notify", ["ingest", "train"]),
    ], "pipelines/training.yaml");

    [Fact]
    public void Build_Definition_DrawsANeedAsAnArrowIntoTheStep()
    {
        var (nodes, edges) = PipelineDag.Build(Pipeline);

        Assert.Equal(["ingest", "features", "train", "notify"], nodes.Select(n => n.Id));
        Assert.Equal([new GraphEdge("ingest", "features"), new GraphEdge("features", "train"), new GraphEdge("ingest", "notify"), new GraphEdge("train", "notify")], edges);
        Assert.All(nodes, n => Assert.Equal(GraphNodeState.Neutral, n.State));
    }

    [Fact]
    public void Build_WithAttempts_ColoursEachStepByItsLatestAttempt()
    {
        var at = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
        StepAttempt Attempt(string step, int n, StepState state) => new(1, step, n, state, at, at, string.Empty, null, new Dictionary<string, string>());

        var (nodes, _) = PipelineDag.Build(Pipeline, [Attempt("ingest", 1, StepState.Failed), Attempt("ingest", 2, StepState.Succeeded), Attempt("features", 1, StepState.Failed)]);

        var byId = nodes.ToDictionary(n => n.Id);
        Assert.Equal(GraphNodeState.Ok, byId["ingest"].State);
        Assert.Contains("try 2", byId["ingest"].Detail, StringComparison.Ordinal);
        Assert.Equal(GraphNodeState.Failed, byId["features"].State);
        Assert.Equal(GraphNodeState.Missing, byId["train"].State);
        Assert.Equal("#step-features", byId["features"].Link);
    }

    [Fact]
    public void Anchor_NameWithSpacesAndQuotes_KeepsOnlyIdSafeCharacters()
    {
        Assert.Equal("a-b--c-_x", PipelineDag.Anchor("a b\"<c>_x"));
    }

    private static PipelineStep Step(string name, IReadOnlyList<string> needs) =>
        new(name, "ingest", new Dictionary<string, string>(), null, needs, new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), null, TriggerRule.AllSuccess, 1);
}
