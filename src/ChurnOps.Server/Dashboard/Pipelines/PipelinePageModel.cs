using ChurnOps.Core.Pipelines;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>One pipeline's page: its definition (the DAG), whether it is paused, and its runs newest first.</summary>
internal sealed record PipelinePageModel(PipelineDefinition Definition, bool Paused, IReadOnlyList<PipelineRun> Runs);
