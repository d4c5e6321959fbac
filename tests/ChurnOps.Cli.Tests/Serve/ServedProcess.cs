using System.Diagnostics;

namespace ChurnOps.Cli.Tests.Serve;

/// <summary>
/// A server started as a real process (`churnops serve` or the deployable host), its stdout collected line by line so a
/// test can wait for a line with a bound, and stopped with SIGTERM like a container runtime would, so the log is flushed.
/// </summary>
internal sealed class ServedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<string> _errorLines = [];
    private readonly Task _reading;
    private readonly Task _readingErrors;

    private ServedProcess(Process process)
    {
        _process = process;
        _reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        });
        _readingErrors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_errorLines)
                {
                    _errorLines.Add(line);
                }
            }
        });
    }

    public Uri? Url { get; private set; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Stderr so far, line by line (warnings the server writes as it starts).</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_errorLines)
            {
                return [.. _errorLines];
            }
        }
    }

    /// <summary>Starts <paramref name="dll"/> (next to the tests) and waits for its "ChurnOps serving ... on URL" line.</summary>
    public static async Task<ServedProcess> StartAsync(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "true";
        var served = new ServedProcess(Process.Start(start)!);
        var banner = await served.WaitForLineAsync(line => line.StartsWith("ChurnOps serving ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        served.Url = new Uri(banner[(banner.IndexOf(" on ", StringComparison.Ordinal) + 4)..].Split(' ')[0]);
        return served;
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (!timeout.IsCancellationRequested)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited && _reading.IsCompleted)
            {
                break;
            }

            await Task.Delay(20, CancellationToken.None);
        }

        throw new InvalidOperationException($"no such line within {bound} (exited: {_process.HasExited}); stdout: {string.Join(" | ", Lines)}; stderr: {string.Join(" | ", ErrorLines)}");
    }

    /// <summary>SIGTERM, then waits for the process to exit and its output to end; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        await _reading.WaitAsync(timeout.Token);
        await _readingErrors.WaitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
