namespace ChurnOps.Core.Pipelines;

/// <summary>
/// What a step action gets: its arguments with every <c>${…}</c> reference already resolved, the run it belongs to,
/// and a log that is persisted with the attempt.
/// </summary>
public sealed record StepContext(
    PipelineRun Run,
    PipelineStep Step,
    int Attempt,
    IReadOnlyDictionary<string, string> Args,
    Action<string> Log,
    string ProjectRoot)
{
    /// <summary>The argument's value, or <paramref name="fallback"/> when the step does not give it.</summary>
    public string? Arg(string name, string? fallback = null) => Args.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;
}
