using ChurnOps.Platform.Projects;

namespace ChurnOps.Bench.Features;

/// <summary>A throwaway project in the temp dir for a benchmark run.</summary>
internal static class BenchProject
{
    public static async Task<(ChurnOpsWorkspace Workspace, string Root)> CreateAsync(string name)
    {
        var root = Path.Combine(Path.GetTempPath(), $"churnops-bench-{name}-{Environment.ProcessId}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        await ProjectTemplate.WriteAsync(root, false, CancellationToken.None);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, CancellationToken.None);
        return workspace is null ? throw new InvalidOperationException(error) : (workspace, root);
    }

    public static void Delete(string root)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may still hold the file for a moment; the temp dir is cleaned later.
        }
    }
}
