namespace ChurnOps.Core.Pipelines;

/// <summary>A run to queue: the store refuses a second one with the same pipeline and <see cref="TriggerKey"/>.</summary>
public sealed record NewPipelineRun(string Pipeline, string Trigger, string TriggerKey, DateTimeOffset LogicalDate, IReadOnlyDictionary<string, string> Parameters);
