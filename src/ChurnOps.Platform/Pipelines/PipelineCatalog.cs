using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Pipelines;

/// <summary>Reads and validates every <c>pipelines/*.yaml</c> of the project, reporting all problems of all files at once.</summary>
public sealed class PipelineCatalog(ProjectLayout layout, ProjectConfig config, StepActionRegistry actions)
{
    private const long MaxFileBytes = 1024 * 1024;

    public async Task<PipelineCatalogResult> LoadAsync(CancellationToken cancellationToken)
    {
        var files = Directory.Exists(layout.PipelinesDir)
            ? Directory.EnumerateFiles(layout.PipelinesDir).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
        var context = new PipelineValidationContext(actions.Describe(), Tables(), new HashSet<string>([config.Model.Name], StringComparer.Ordinal));
        var pipelines = new List<PipelineDefinition>();
        var issues = new List<PipelineIssue>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(layout.Root, file);
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                issues.Add(new PipelineIssue(relative, 1, $"the file is larger than {MaxFileBytes / 1024} KiB; a pipeline is a short YAML file", IsError: true));
                continue;
            }

            var parsed = PipelineFileReader.Read(relative, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
            var found = PipelineValidator.Validate(parsed, context).ToList();
            if (parsed.Definition is { Name.Length: > 0 } definition && !seen.TryAdd(definition.Name, relative))
            {
                found.Add(new PipelineIssue(relative, 1, $"pipeline '{definition.Name}' is also defined in {seen[definition.Name]}", IsError: true));
            }

            issues.AddRange(found);
            if (parsed.Definition is { } valid && !found.Any(i => i.IsError))
            {
                pipelines.Add(valid);
            }
        }

        return new PipelineCatalogResult(pipelines, issues, files.Select(f => Path.GetRelativePath(layout.Root, f)).ToList());
    }

    // A table can be ingested (and so emit data.TABLE.updated) when a contract file is named after it.
    private HashSet<string> Tables() =>
        Directory.Exists(layout.ContractsDir)
            ? Directory.EnumerateFiles(layout.ContractsDir, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
