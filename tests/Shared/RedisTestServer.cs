using System.Net.Sockets;
using System.Text;

namespace ChurnOps.Testing;

/// <summary>
/// One redis-server (Debian's package) per test assembly, started on first use on a free loopback port with nothing
/// persisted (--save '' --appendonly no), its data folder under the temp folder; stopped when the test process exits.
/// </summary>
internal static class RedisTestServer
{
    private static readonly Lazy<Task<LocalServerProcess>> Server = new(StartAsync);

    /// <summary>redis://127.0.0.1:PORT of the shared server.</summary>
    public static async Task<string> UrlAsync() => $"redis://127.0.0.1:{(await Server.Value).Port}";

    private static Task<LocalServerProcess> StartAsync()
    {
        var executable = LocalServerProcess.RequireExecutable("/usr/bin/redis-server", "redis-server");
        return LocalServerProcess.StartAsync(
            executable,
            (port, data) => ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", data, "--daemonize", "no"],
            PingAsync);
    }

    private static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
