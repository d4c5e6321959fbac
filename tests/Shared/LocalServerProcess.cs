using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChurnOps.Testing;

/// <summary>
/// A throwaway server process for the team-store tests (redis-server, s3rver): a free 127.0.0.1 port, a temp data
/// folder, readiness awaited with a bound, and the process killed and the folder removed when the test process exits.
/// Started once per test assembly by its fixture; a missing binary fails the test naming the install script.
/// </summary>
internal sealed class LocalServerProcess
{
    private readonly Process _process;

    private LocalServerProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public static string RepositoryRoot()
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

    /// <summary>The executable at <paramref name="path"/>, or a failure that says how to install it.</summary>
    public static string RequireExecutable(string path, string what) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{what} is not installed ({path} is missing): run 'bash scripts/install-prereqs.sh' (the team-store tests need it)");

    /// <summary>
    /// Starts <paramref name="executable"/> with the arguments <paramref name="arguments"/> makes for a free port and a
    /// fresh data folder, and returns once <paramref name="ready"/> answers true (polled, 30 s at most). A port taken
    /// between choosing and binding is retried with another.
    /// </summary>
    public static async Task<LocalServerProcess> StartAsync(string executable, Func<int, string, IEnumerable<string>> arguments, Func<int, Task<bool>> ready)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var data = Path.Combine(Path.GetTempPath(), "churnops-tests", Path.GetFileName(executable) + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(data);
            // Through a shell that ends the server and removes its data when its stdin closes: this process holds the
            // pipe's other end, so both go when the test process goes, however it ends (a killed host runs no handlers).
            var start = new ProcessStartInfo("/bin/bash")
            {
                WorkingDirectory = data,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("\"$0\" \"$@\" & server=$!; cat > /dev/null; kill $server 2> /dev/null; wait $server; rm -rf \"$CHURNOPS_TEST_SERVER_DATA\"");
            start.Environment["CHURNOPS_TEST_SERVER_DATA"] = data;
            start.ArgumentList.Add(executable);
            foreach (var argument in arguments(port, data))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            var output = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new LocalServerProcess(process, port, data);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                if (await ready(port))
                {
                    return server;
                }

                await Task.Delay(100);
            }

            server.Stop();
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"{executable} did not become ready on 127.0.0.1:{port} within 30 s: {log}");
            }
        }
    }

    public void Stop()
    {
        try
        {
            // Closing stdin lets the shell stop the server and wait for it; kill the tree only if that hangs.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (IOException)
        {
            // The pipe is already closed.
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A port nothing listens on right now (for "unreachable server" tests too).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
