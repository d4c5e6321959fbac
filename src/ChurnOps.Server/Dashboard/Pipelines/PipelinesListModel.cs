using ChurnOps.Platform.Pipelines;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>The Pipelines page: the project's valid pipelines and every problem found in pipelines/*.yaml.</summary>
internal sealed record PipelinesListModel(IReadOnlyList<PipelineRow> Pipelines, IReadOnlyList<PipelineIssue> Issues);
