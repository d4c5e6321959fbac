using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests;

/// <summary>
/// A fresh temp directory holding the reference project that `churnops init` writes; deleted when the test ends, after
/// SQLite's pooled connections have let go of the project's files.
/// </summary>
internal sealed class TemplateProjectDirectory
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "churnops-cli-tests", Guid.NewGuid().ToString("N"));

    public async Task WriteAsync()
    {
        var result = await ProjectTemplate.WriteAsync(Root, overwrite: false, CancellationToken.None);
        Assert.Null(result.Error);
    }

    public void Delete()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner if a file is still held.
        }
    }
}
