using System.Diagnostics;

namespace ChurnOps.Cli.Tests.Replicas;

/// <summary>
/// One long-running churnops process of a replica test (`scheduler` or `serve`) on its own project directory: stdout
/// collected line by line with the moment each arrived, so a test waits for a line with a bound and measures gaps;
/// killed with SIGKILL by <see cref="Kill"/> (a crash) or at disposal.
/// </summary>
internal sealed class ReplicaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];
    private readonly List<string> _errors = [];

    private ReplicaProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_lines)
                {
                    _lines.Add((DateTimeOffset.UtcNow, line));
                }
            }
        });
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_errors)
                {
                    _errors.Add(line);
                }
            }
        });
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<(DateTimeOffset At, string Line)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_errors)
            {
                return string.Join(" | ", Lines.TakeLast(40).Select(l => l.Line)) + " || stderr: " + string.Join(" | ", _errors.TakeLast(20));
            }
        }
    }

    /// <summary>Starts the real churnops binary with <paramref name="args"/> and the extra <paramref name="environment"/>.</summary>
    public static ReplicaProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
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
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ReplicaProcess(name, Process.Start(start)!);
    }

    /// <summary>The first line <paramref name="match"/> accepts, waiting at most <paramref name="bound"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan bound, string what)
    {
        var deadline = DateTimeOffset.UtcNow + bound;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (Lines.FirstOrDefault(l => match(l.Line)) is { Line: { } line })
            {
                return line;
            }

            if (_process.HasExited)
            {
                await Task.Delay(200);
                break;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"{Name}: no {what} within {bound} (exited: {_process.HasExited}): {Output}");
    }

    /// <summary>SIGKILL, as a node that crashes or is evicted: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
