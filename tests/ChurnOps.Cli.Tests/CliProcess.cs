using System.Diagnostics;

namespace ChurnOps.Cli.Tests;

/// <summary>Runs the real churnops binary (built next to the tests) as a child process: real exit codes, real stdout/stderr.</summary>
internal static class CliProcess
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args) =>
        RunWithEnvironmentAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="RunAsync"/>, with extra environment variables for the child (CHURNOPS__* settings).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithEnvironmentAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running command (serve) and returns once a stdout line contains <paramref name="readyText"/>.</summary>
    public static async Task<Process> StartAsync(string workingDirectory, string readyText, params string[] args) =>
        (await StartWithLineAsync(workingDirectory, readyText, args)).Process;

    /// <summary>As <see cref="StartAsync"/>, also returning the ready line (serve prints its URL there).</summary>
    public static Task<(Process Process, string ReadyLine)> StartWithLineAsync(string workingDirectory, string readyText, params string[] args) =>
        StartWithLineAsync(workingDirectory, new Dictionary<string, string>(), readyText, args);

    /// <summary>As <see cref="StartWithLineAsync(string, string, string[])"/>, with extra environment variables for the child.</summary>
    public static async Task<(Process Process, string ReadyLine)> StartWithLineAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string readyText, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(readyText, StringComparison.Ordinal))
            {
                return (process, line);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("process exited before it was ready: " + await process.StandardError.ReadToEndAsync());
    }

    /// <summary>Starts a command and returns at once, stdout and stderr redirected: for tests that kill it or race it.</summary>
    public static Process Start(string workingDirectory, params string[] args) => Process.Start(StartInfo(workingDirectory, args))!;

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "churnops.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "true";
        return start;
    }
}
