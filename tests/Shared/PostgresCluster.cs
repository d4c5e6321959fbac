using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChurnOps.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for one test assembly: initdb into a fresh directory under /tmp, postgres on
/// 127.0.0.1 and a free port (its unix socket in the data directory), started on first use and stopped when the test
/// process exits. As root, initdb and postgres run as the postgres user (initdb refuses root). Missing binaries fail
/// the test with the install script's name: team-mode tests are never skipped. Linked into each test project that needs
/// one, together with <see cref="PostgresTestDatabase"/>.
/// </summary>
internal sealed class PostgresCluster
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly Lazy<Task<PostgresCluster>> Shared = new(() => StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _root;
    private readonly Process _server;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log;

    private PostgresCluster(string root, Process server, System.Collections.Concurrent.ConcurrentQueue<string> log, int port)
    {
        _root = root;
        _server = server;
        _log = log;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>A connection string for <paramref name="database"/> as the superuser (trust authentication on loopback).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 20,
        Timeout = 30,
        CommandTimeout = 60,
    }.ConnectionString;

    /// <summary>The same database as a <c>postgresql://</c> URL, as churnops.yaml or CHURNOPS__STORAGE__METADATA would name it.</summary>
    public string Url(string database) => $"postgresql://postgres@127.0.0.1:{Port}/{database}";

    /// <summary>A new, empty database (from template0) whose name starts with <paramref name="prefix"/>.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var initdb = Path.Combine(BinDirectory, "initdb");
        var postgres = Path.Combine(BinDirectory, "postgres");
        if (!File.Exists(initdb) || !File.Exists(postgres))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({initdb} not found): run `bash scripts/install-prereqs.sh` once on this machine; team-mode tests need a real server.");
        }

        SweepAbandoned();
        var asRoot = Environment.UserName == "root";
        var root = Path.Combine("/tmp", $"churnops-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var data = Path.Combine(root, "data");
        await RunAsync(asRoot, "/bin/mkdir", ["-p", root]);
        await RunAsync(asRoot, initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var server = Start(asRoot, postgres, log,
            [
                "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1",
                "-c", $"unix_socket_directories={data}", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300", "-c", "shared_buffers=64MB",
            ]);
            var cluster = new PostgresCluster(root, server, log, port);
            if (await cluster.WaitReadyAsync(TimeSpan.FromSeconds(60)))
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
                return cluster;
            }

            // Another process took the port between probe and bind: try a fresh one a few times.
            cluster.Stop(keepFiles: true);
            if (attempt == 3)
            {
                throw new InvalidOperationException($"the test PostgreSQL server did not start: {string.Join('\n', log)}");
            }
        }
    }

    private async Task<bool> WaitReadyAsync(TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline && !_server.HasExited)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    private void Stop(bool keepFiles = false)
    {
        if (!_server.HasExited)
        {
            // SIGINT to the postmaster (not to runuser, which would escalate to SIGKILL) is PostgreSQL's fast shutdown:
            // clients are disconnected and every child exits with it.
            var pidFile = Path.Combine(_root, "data", "postmaster.pid");
            var pid = File.Exists(pidFile) ? File.ReadLines(pidFile).FirstOrDefault()?.Trim() : null;
            using var signal = Process.Start(new ProcessStartInfo("/bin/kill", ["-INT", pid ?? _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            signal?.WaitForExit(5000);
            if (!_server.WaitForExit(30_000))
            {
                _server.Kill(entireProcessTree: true);
            }
        }

        if (!keepFiles)
        {
            // The test host may be torn down before a recursive delete of the cluster finishes: rm outlives it, and the
            // next run sweeps whatever a killed run left (SweepAbandoned).
            using var remove = Process.Start(new ProcessStartInfo("/bin/rm", ["-rf", _root]) { UseShellExecute = false });
        }
    }

    /// <summary>Removes the clusters of earlier test processes that are gone (no live process id, no running server).</summary>
    private static void SweepAbandoned()
    {
        foreach (var directory in Directory.EnumerateDirectories("/tmp", "churnops-pg-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var owner)
                || Directory.Exists($"/proc/{owner}") || File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(bool asRoot, string program, System.Collections.Concurrent.ConcurrentQueue<string> log, IReadOnlyList<string> arguments)
    {
        var start = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        // The server logs to stderr: drain it (a full pipe would stall the server) and keep the last lines for a failed start.
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
                while (log.Count > 50 && log.TryDequeue(out string? _))
                {
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(bool asRoot, string program, IReadOnlyList<string> arguments)
    {
        var start = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(bound.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
