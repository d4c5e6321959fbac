namespace ChurnOps.Core.Pipelines;

/// <summary>
/// A pipeline as <c>pipelines/NAME.yaml</c> declares it: who owns it, when it runs (a schedule, event triggers, or only
/// by hand), its parameters with their defaults, and its steps.
/// </summary>
public sealed record PipelineDefinition(
    string Name,
    string Owner,
    string? Schedule,
    string? TimeZone,
    IReadOnlyList<string> Triggers,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<PipelineStep> Steps,
    string File)
{
    public PipelineStep? FindStep(string name) => Steps.FirstOrDefault(s => s.Name == name);
}
