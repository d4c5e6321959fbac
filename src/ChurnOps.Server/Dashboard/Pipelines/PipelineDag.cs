using ChurnOps.Core.Pipelines;
using ChurnOps.Server.Dashboard.Graphs;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>
/// A pipeline's steps as boxes and its needs as arrows (need → step). With a run's attempts, each box takes the state of
/// the step's latest attempt (succeeded, failed, running, skipped) and says which attempt it was.
/// </summary>
internal static class PipelineDag
{
    public static (IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges) Build(PipelineDefinition definition, IReadOnlyList<StepAttempt>? attempts = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var latest = (attempts ?? []).GroupBy(a => a.Step, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Attempt)!, StringComparer.Ordinal);
        var nodes = definition.Steps.Select(step =>
        {
            var what = step.Action ?? "shell";
            if (attempts is null)
            {
                return new GraphNode(step.Name, step.Name, what);
            }

            if (!latest.TryGetValue(step.Name, out var attempt))
            {
                return new GraphNode(step.Name, step.Name, what + " · not run", GraphNodeState.Missing);
            }

            var state = attempt.State switch
            {
                StepState.Succeeded => GraphNodeState.Ok,
                StepState.Failed => GraphNodeState.Failed,
                StepState.Running => GraphNodeState.Running,
                StepState.Skipped => GraphNodeState.Missing,
                _ => GraphNodeState.Neutral,
            };
            var tries = attempt.Attempt > 1 ? $" (try {attempt.Attempt})" : string.Empty;
            return new GraphNode(step.Name, step.Name, $"{what} · {attempt.State.ToString().ToLowerInvariant()}{tries}", state, "#step-" + Anchor(step.Name));
        }).ToList();
        var edges = definition.Steps.SelectMany(step => step.Needs.Select(need => new GraphEdge(need, step.Name))).ToList();
        return (nodes, edges);
    }

    /// <summary>An id-safe form of a step name for in-page links.</summary>
    public static string Anchor(string step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new string(step.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
    }
}
