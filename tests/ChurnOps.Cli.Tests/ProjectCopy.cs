namespace ChurnOps.Cli.Tests;

/// <summary>A copy of a project directory (metadata, warehouse, artifacts) that a test may change without touching the shared one.</summary>
internal sealed class ProjectCopy : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ProjectCopy(string from)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            // The owner file names the process that held the original's warehouse; a copy must not inherit its lock record.
            if (!file.EndsWith("warehouse.owner", StringComparison.Ordinal))
            {
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(from, file)));
            }
        }
    }

    public string Path => _temp.Path;

    public void Dispose() => _temp.Dispose();
}
