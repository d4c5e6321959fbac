using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChurnOps.Platform.Projects;

/// <summary>Reads and writes churnops.yaml, turning YAML and validation problems into one readable message.</summary>
public static class ProjectConfigFile
{
    public static async Task<(ProjectConfig? Config, string? Error)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, $"{path}: not found (run 'churnops init' to create a project)");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        ProjectConfig? config;
        try
        {
            config = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<ProjectConfig?>(text);
        }
        catch (YamlException ex)
        {
            return (null, $"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }

        config ??= new ProjectConfig();
        var errors = config.Validate();
        return errors.Count == 0 ? (config, null) : (null, $"{path}: " + string.Join("; ", errors));
    }

    public static string Serialize(ProjectConfig config) =>
        new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Serialize(config);
}
