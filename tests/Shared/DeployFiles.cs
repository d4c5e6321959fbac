using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Testing;

/// <summary>The repository's deploy/ files and CI workflow as parsed YAML, for tests that check them without a container engine.</summary>
internal static class DeployFiles
{
    public static string Root { get; } = FindRoot();

    public static string Dockerfile => File.ReadAllText(Path.Combine(Root, "deploy", "Dockerfile"));

    /// <summary>Every YAML file under deploy/ and .github/workflows/, relative path first.</summary>
    public static IEnumerable<string> YamlPaths() =>
        new[] { Path.Combine(Root, "deploy"), Path.Combine(Root, ".github", "workflows") }
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static IReadOnlyList<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    /// <summary>Every Kubernetes object under deploy/k8s.</summary>
    public static IReadOnlyList<YamlMappingNode> KubernetesObjects() =>
        Directory.EnumerateFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml").Order(StringComparer.Ordinal).SelectMany(Documents).ToList();

    public static YamlMappingNode Object(string kind, string name) =>
        KubernetesObjects().Single(o => Text(o, "kind") == kind && Text(Map(o, "metadata"), "name") == name);

    /// <summary>The containers of a Deployment's or Job's pod template.</summary>
    public static IReadOnlyList<YamlMappingNode> Containers(YamlMappingNode workload) =>
        Seq(Map(Map(Map(workload, "spec"), "template"), "spec"), "containers").Cast<YamlMappingNode>().ToList();

    public static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static YamlSequenceNode Seq(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    public static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    public static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Cast<YamlScalarNode>().Select(s => s.Value!).ToList() : [];

    /// <summary>The assembly a project builds: its AssemblyName, else the project file's name.</summary>
    public static string AssemblyName(string projectPath)
    {
        var project = XDocument.Load(Path.Combine(Root, projectPath));
        return project.Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault() ?? Path.GetFileNameWithoutExtension(projectPath);
    }

    /// <summary>"ghcr.io/x/y:tag" → "ghcr.io/x/y".</summary>
    public static string Repository(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', slash + 1);
        return colon < 0 ? image : image[..colon];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChurnOps.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChurnOps.slnx not found above " + AppContext.BaseDirectory);
    }
}
