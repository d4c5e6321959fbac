using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// Flattens churnops.yaml into configuration keys and remembers the line of each, so a bad value is reported as
/// "churnops.yaml:LINE". A file that cannot be read or parsed is not thrown: it becomes <see cref="Problem"/>, reported
/// with every other problem at start.
/// </summary>
internal sealed class YamlConfigurationProvider(string path) : ConfigurationProvider
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);

    public string Path { get; } = path;

    /// <summary>Why the file gave no settings (missing, unreadable, not YAML); null when it loaded.</summary>
    public string? Problem { get; private set; }

    /// <summary>The 1-based line of a key's value in the file, when it came from there.</summary>
    public int? LineOf(string key) => _lines.TryGetValue(key, out var line) ? line : null;

    public override void Load()
    {
        Data.Clear();
        _lines.Clear();
        Problem = null;
        if (!File.Exists(Path))
        {
            Problem = $"{Path}: not found (run 'churnops init' to create a project)";
            return;
        }

        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(Path))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                return;
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Problem = $"{Path}:{stream.Documents[0].RootNode.Start.Line}: the file must be a mapping of settings (project:, model:, serving: ...)";
                return;
            }

            Visit(root, null);
        }
        catch (YamlException ex)
        {
            Problem = $"{Path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}";
        }
        catch (IOException ex)
        {
            Problem = $"{Path}: {ex.Message}";
        }
    }

    private void Visit(YamlNode node, string? key)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                if (key is not null && mapping.Children.Count == 0)
                {
                    Set(key, string.Empty, node);
                }

                foreach (var (name, value) in mapping.Children)
                {
                    var child = ((name as YamlScalarNode)?.Value ?? name.ToString()).Trim();
                    Visit(value, key is null ? child : key + ConfigurationPath.KeyDelimiter + child);
                }

                break;
            case YamlSequenceNode sequence:
                // An empty list is a value of its own ("trainers: []" must not fall back to the defaults).
                if (sequence.Children.Count == 0)
                {
                    Set(key!, string.Empty, node);
                }

                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Visit(sequence.Children[i], key + ConfigurationPath.KeyDelimiter + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case YamlScalarNode scalar:
                var isNull = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null";
                Set(key!, isNull ? null : scalar.Value, node);
                break;
        }
    }

    private void Set(string key, string? value, YamlNode node)
    {
        Data[key] = value;
        _lines[key] = (int)node.Start.Line;
    }
}
