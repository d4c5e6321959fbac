using System.Diagnostics;

namespace ChurnOps.Cli.Tests;

/// <summary>A copy of a project directory (metadata, warehouse, artifacts) that a test may change without touching the shared one.</summary>
internal sealed class ProjectCopy : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ProjectCopy(string from) => Into(from, Path);

    public string Path => _temp.Path;

    /// <summary>Copies a project directory into <paramref name="to"/> (created when missing) without touching its open databases' locks.</summary>
    public static void Into(string from, string to)
    {
        Directory.CreateDirectory(to);
        // Copied by a child process: SQLite and DuckDB hold POSIX locks on these files in this process (the fixture's open
        // stores), and closing any descriptor of the same file here would drop those locks and let the database be corrupted.
        using var copy = Process.Start(new ProcessStartInfo("cp", ["-a", from + "/.", to]) { RedirectStandardError = true })!;
        var error = copy.StandardError.ReadToEnd();
        copy.WaitForExit();
        Assert.True(copy.ExitCode == 0, "cp: " + error);
        // The owner file names the process that held the original's warehouse; a copy must not inherit its lock record.
        File.Delete(System.IO.Path.Combine(to, ".churnops", "warehouse.owner"));
    }

    public void Dispose() => _temp.Dispose();
}
