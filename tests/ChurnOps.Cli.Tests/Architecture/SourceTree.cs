using System.Reflection;

namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>The product as the tests see it: its assemblies (loaded from the test's output) and the repository's src/ folder.</summary>
internal static class SourceTree
{
    /// <summary>Project name → assembly name (the CLI assembly is named after its command).</summary>
    public static readonly IReadOnlyDictionary<string, string> Assemblies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LayerGraph.Core] = "ChurnOps.Core",
        [LayerGraph.Training] = "ChurnOps.Training",
        [LayerGraph.Storage] = "ChurnOps.Storage",
        [LayerGraph.Platform] = "ChurnOps.Platform",
        [LayerGraph.Server] = "ChurnOps.Server",
        [LayerGraph.Cli] = "churnops",
    };

    public static IEnumerable<Assembly> LoadAll() => Assemblies.Values.Select(name => Assembly.Load(new AssemblyName(name)));

    /// <summary>Project → the names of the assemblies it references, with ChurnOps assemblies named by their project.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> References()
    {
        var projectOf = Assemblies.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
        return Assemblies.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyCollection<string>)[.. Assembly.Load(new AssemblyName(pair.Value)).GetReferencedAssemblies()
                .Select(reference => reference.Name ?? string.Empty)
                .Select(name => projectOf.GetValueOrDefault(name, name))],
            StringComparer.Ordinal);
    }

    /// <summary>The repository's src/ directory, found by walking up from the test binaries to ChurnOps.slnx.</summary>
    public static string SrcDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChurnOps.slnx")))
            {
                return Path.Combine(dir.FullName, "src");
            }
        }

        throw new InvalidOperationException("ChurnOps.slnx not found above " + AppContext.BaseDirectory);
    }
}
