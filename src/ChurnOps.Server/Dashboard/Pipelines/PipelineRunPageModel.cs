using ChurnOps.Core.Pipelines;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>One run's page: the run, its pipeline's definition when it still exists, and every attempt of every step with its log.</summary>
internal sealed record PipelineRunPageModel(PipelineRun Run, PipelineDefinition? Definition, IReadOnlyList<StepAttempt> Attempts);
