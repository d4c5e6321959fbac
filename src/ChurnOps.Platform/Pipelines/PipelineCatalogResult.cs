using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Pipelines;

/// <summary>The project's pipelines: those without errors (the scheduler runs only these), and every problem found.</summary>
public sealed record PipelineCatalogResult(IReadOnlyList<PipelineDefinition> Pipelines, IReadOnlyList<PipelineIssue> Issues, IReadOnlyList<string> Files)
{
    public bool HasErrors => Issues.Any(i => i.IsError);

    public PipelineDefinition? Find(string name) => Pipelines.FirstOrDefault(p => p.Name == name);
}
