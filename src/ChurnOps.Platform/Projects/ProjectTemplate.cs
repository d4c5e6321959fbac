using System.Reflection;
using ChurnOps.Storage.Files;

namespace ChurnOps.Platform.Projects;

/// <summary>Writes the reference churn project (the files under Projects/Template, embedded in this assembly).</summary>
public static class ProjectTemplate
{
    private const string Prefix = "template/";

    public static IReadOnlyList<string> Files { get; } = typeof(ProjectTemplate).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..].Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Writes missing files; existing files are kept unless <paramref name="overwrite"/> (a project's edits are never lost).</summary>
    public static async Task<TemplateResult> WriteAsync(string root, bool overwrite, CancellationToken cancellationToken)
    {
        var layout = ProjectLayout.For(root);
        if (File.Exists(layout.Root))
        {
            return new TemplateResult(layout.Root, [], [], $"{layout.Root}: is a file, not a directory");
        }

        var written = new List<string>();
        var kept = new List<string>();
        foreach (var file in Files)
        {
            var target = Path.Combine(layout.Root, file);
            if (File.Exists(target) && !overwrite)
            {
                kept.Add(file);
                continue;
            }

            await using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + file)!;
            await AtomicFile.WriteAsync(target, resource.CopyToAsync, cancellationToken).ConfigureAwait(false);
            written.Add(file);
        }

        var gitignore = Path.Combine(layout.Root, ".gitignore");
        if (!File.Exists(gitignore))
        {
            await File.WriteAllTextAsync(gitignore, ".churnops/\ndata/\n", cancellationToken).ConfigureAwait(false);
        }

        return new TemplateResult(layout.Root, written, kept, null);
    }
}
