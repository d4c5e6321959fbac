namespace ChurnOps.Platform.Pipelines;

/// <summary>What a pipeline is checked against: the step actions there are, and the project's tables and model.</summary>
public sealed record PipelineValidationContext(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Actions,
    IReadOnlySet<string> Tables,
    IReadOnlySet<string> Models);
