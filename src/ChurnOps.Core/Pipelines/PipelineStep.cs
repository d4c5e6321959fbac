namespace ChurnOps.Core.Pipelines;

/// <summary>
/// One node of a pipeline: either a named step action (a platform use case: <c>ingest</c>, <c>train</c>…) with its
/// arguments, or a shell command. Argument values may reference <c>${params.NAME}</c> and
/// <c>${steps.STEP.outputs.KEY}</c>; <see cref="Line"/> is where the step starts in its YAML file.
/// </summary>
public sealed record PipelineStep(
    string Name,
    string? Action,
    IReadOnlyDictionary<string, string> Args,
    string? Shell,
    IReadOnlyList<string> Needs,
    RetryPolicy Retry,
    TimeSpan? Timeout,
    TriggerRule TriggerRule,
    int Line);
