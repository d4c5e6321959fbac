using System.Globalization;
using ChurnOps.Platform.Registry.Lineage;
using ChurnOps.Server.Dashboard.Graphs;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>
/// A version's lineage as boxes and arrows: contract → dataset version → training set ← feature views, training set →
/// run → model version → aliases and each deployment. A recorded link is green; one the registry has no record of is
/// drawn grey with "not recorded", not left out, so the gap is visible.
/// </summary>
internal static class LineageGraph
{
    public static (IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges) Build(ModelLineageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        LineageStep? Find(string step) => report.Steps.FirstOrDefault(s => s.Step == step);
        GraphNode Box(string id, string title, LineageStep? step, string? link = null) =>
            new(id, title, step is null ? LineageStep.NotRecorded : Short(step), step is { Recorded: true } ? GraphNodeState.Ok : GraphNodeState.Missing, link);

        var contract = Find("contract");
        var contractName = contract?.Facts.GetValueOrDefault("name");
        nodes.Add(Box("contract", "contract " + (contractName ?? string.Empty), contract, contractName is null ? null : "/ui/data/contracts/" + Uri.EscapeDataString(contractName)));
        var dataset = Find("dataset version");
        var (table, load) = (dataset?.Facts.GetValueOrDefault("table"), dataset?.Facts.GetValueOrDefault("version"));
        nodes.Add(Box("dataset", "dataset " + (table ?? string.Empty), dataset, table is null || load is null ? null : $"/ui/data/loads/{Uri.EscapeDataString(table)}/{Uri.EscapeDataString(load)}"));
        edges.Add(new GraphEdge("contract", "dataset"));
        var training = Find("training set");
        nodes.Add(Box("training-set", "training set", training));
        edges.Add(new GraphEdge("dataset", "training-set"));
        var views = report.Steps.Where(s => s.Step == "feature view").ToList();
        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i];
            var id = "view-" + i.ToString(CultureInfo.InvariantCulture);
            var name = view.Facts.GetValueOrDefault("view");
            nodes.Add(new GraphNode(id, "feature view " + (name ?? string.Empty), view.Recorded ? "v " + (view.Facts.GetValueOrDefault("version") ?? "?") : Short(view),
                !view.Recorded ? GraphNodeState.Missing : view.Summary.Contains("changed since", StringComparison.Ordinal) ? GraphNodeState.Warning : GraphNodeState.Ok,
                name is null ? null : "/ui/features/" + Uri.EscapeDataString(name)));
            edges.Add(new GraphEdge(id, "training-set"));
        }

        var run = Find("run");
        var runId = run?.Facts.GetValueOrDefault("run_id");
        nodes.Add(new GraphNode("run", "run " + (run?.Facts.GetValueOrDefault("run_name") ?? string.Empty), Id(runId) ?? LineageStep.NotRecorded,
            run is { Recorded: true } ? GraphNodeState.Ok : GraphNodeState.Missing, run is { Recorded: true } && runId is not null ? "/ui/runs/" + Uri.EscapeDataString(runId) : null));
        edges.Add(new GraphEdge("training-set", "run"));
        nodes.Add(new GraphNode("version", $"{report.ModelName} v{report.Version.ToString(CultureInfo.InvariantCulture)}", Find("model version")?.Facts.GetValueOrDefault("trainer"), GraphNodeState.Ok));
        edges.Add(new GraphEdge("run", "version"));

        if (Find("aliases") is { } aliases && aliases.Facts.Count > 0)
        {
            nodes.Add(new GraphNode("aliases", "aliases", string.Join(", ", aliases.Facts.Keys.Order(StringComparer.Ordinal)), GraphNodeState.Ok));
            edges.Add(new GraphEdge("version", "aliases"));
        }

        if (Find("deployments") is { Recorded: true } deployments)
        {
            foreach (var (id, description) in deployments.Facts.OrderBy(f => long.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue))
            {
                var state = description.Contains("rolledback", StringComparison.Ordinal) ? GraphNodeState.Failed
                    : description.Contains("active", StringComparison.Ordinal) || description.Contains("paused", StringComparison.Ordinal) ? GraphNodeState.Running
                    : GraphNodeState.Neutral;
                var nodeId = "deployment-" + id;
                nodes.Add(new GraphNode(nodeId, "deployment #" + id, Detail(description), state, "/ui/deployments/" + Uri.EscapeDataString(id)));
                edges.Add(new GraphEdge("version", nodeId));
            }
        }

        return (nodes, edges);
    }

    /// <summary>"#3 candidate (active, candidate at 10%)" → "candidate (active, candidate at 10%)".</summary>
    private static string Detail(string description)
    {
        var space = description.IndexOf(' ', StringComparison.Ordinal);
        return description.StartsWith('#') && space > 0 ? description[(space + 1)..] : description;
    }

    private static string Short(LineageStep step) =>
        step.Facts.GetValueOrDefault("version") ?? Id(step.Facts.GetValueOrDefault("hash")) ?? step.Summary;

    /// <summary>A long id or hash cut to its first 12 characters, as git shows commits; the whole one is in the table.</summary>
    private static string? Id(string? id) => id is { Length: > 14 } ? id[..12] + "…" : id;
}
