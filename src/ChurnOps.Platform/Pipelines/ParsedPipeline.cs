namespace ChurnOps.Platform.Pipelines;

/// <summary>A pipeline file as read: the definition (null when it could not be read at all), what was wrong, and where its parts are.</summary>
public sealed record ParsedPipeline(
    ChurnOps.Core.Pipelines.PipelineDefinition? Definition,
    IReadOnlyList<PipelineIssue> Issues,
    IReadOnlyList<int> TriggerLines,
    int ScheduleLine);
