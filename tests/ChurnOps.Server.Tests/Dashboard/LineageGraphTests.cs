using ChurnOps.Platform.Registry.Lineage;
using ChurnOps.Server.Dashboard.Graphs;
using ChurnOps.Server.Dashboard.Models;

namespace ChurnOps.Server.Tests.Dashboard;

public sealed class LineageGraphTests
{
    [Fact]
    public void Build_FullLineage_LinksContractToDeploymentsThroughRunAndVersion()
    {
        var report = new ModelLineageReport("churn", 3,
        [
            new LineageStep("contract", true, "customers 1.2.0", Facts(("name", "customers"), ("version", "1.2.0"))),
            new LineageStep("dataset version", true, "labels ds-1", Facts(("table", "labels"), ("version", "ds-1"))),
            new LineageStep("feature view", true, "customer_features version fv1 (current)", Facts(("view", "customer_features"), ("version", "fv1"))),
            new LineageStep("feature view", true, "usage version u2 (changed since: now u3)", Facts(("view", "usage"), ("version", "u2"))),
            new LineageStep("training set", true, "abc", Facts(("hash", "abc"))),
            new LineageStep("run", true, "r1", Facts(("run_id", "r1"), ("run_name", "lightgbm"))),
            new LineageStep("model version", true, "churn 3", Facts(("trainer", "lightgbm"))),
            new LineageStep("aliases", true, "champion", Facts(("champion", "3"))),
            new LineageStep("deployments", true, "#7 candidate (rolledback, candidate at 0%)", Facts(("7", "#7 candidate (rolledback, candidate at 0%)"))),
        ]);

        var (nodes, edges) = LineageGraph.Build(report);

        var ids = nodes.ToDictionary(n => n.Id);
        Assert.Contains(new GraphEdge("contract", "dataset"), edges);
        Assert.Contains(new GraphEdge("dataset", "training-set"), edges);
        Assert.Contains(new GraphEdge("view-0", "training-set"), edges);
        Assert.Contains(new GraphEdge("view-1", "training-set"), edges);
        Assert.Contains(new GraphEdge("training-set", "run"), edges);
        Assert.Contains(new GraphEdge("run", "version"), edges);
        Assert.Contains(new GraphEdge("version", "aliases"), edges);
        Assert.Contains(new GraphEdge("version", "deployment-7"), edges);
        Assert.Equal("contract customers", ids["contract"].Title);
        Assert.Equal(GraphNodeState.Warning, ids["view-1"].State);
        Assert.Equal(GraphNodeState.Failed, ids["deployment-7"].State);
        Assert.Equal("/ui/deployments/7", ids["deployment-7"].Link);
        Assert.Equal("churn v3", ids["version"].Title);
        Assert.Equal("/ui/data/contracts/customers", ids["contract"].Link);
        Assert.Equal("/ui/data/loads/labels/ds-1", ids["dataset"].Link);
        Assert.Equal("/ui/features/usage", ids["view-1"].Link);
        Assert.Equal("/ui/runs/r1", ids["run"].Link);
    }

    [Fact]
    public void Build_LinksNotRecorded_AreDrawnAsMissingNotLeftOut()
    {
        var report = new ModelLineageReport("churn", 1,
        [
            LineageStep.Missing("contract", "no dataset version recorded"),
            LineageStep.Missing("dataset version"),
            LineageStep.Missing("feature view"),
            LineageStep.Missing("training set"),
            new LineageStep("run", false, "r9 (not recorded in the tracking store)", Facts(("run_id", "r9"))),
            new LineageStep("model version", true, "churn 1", Facts(("trainer", "logreg"))),
            new LineageStep("aliases", true, "none", Facts()),
            LineageStep.Missing("deployments", "no deployment record for this version"),
        ]);

        var (nodes, edges) = LineageGraph.Build(report);

        var ids = nodes.ToDictionary(n => n.Id);
        Assert.All(new[] { "contract", "dataset", "view-0", "training-set", "run" }, id => Assert.Equal(GraphNodeState.Missing, ids[id].State));
        Assert.DoesNotContain(nodes, n => n.Id == "aliases" || n.Id.StartsWith("deployment-", StringComparison.Ordinal));
        Assert.Contains(new GraphEdge("run", "version"), edges);
        Assert.Null(ids["run"].Link);
        Assert.Equal("r9", ids["run"].Detail);
    }

    private static Dictionary<string, string> Facts(params (string Key, string Value)[] facts) => facts.ToDictionary(f => f.Key, f => f.Value);
}
