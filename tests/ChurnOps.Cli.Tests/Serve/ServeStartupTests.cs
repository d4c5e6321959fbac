using System.Net;
using System.Net.Sockets;

namespace ChurnOps.Cli.Tests.Serve;

/// <summary>
/// Start-up failures of `churnops serve` and of the deployable host (`dotnet ChurnOps.Server.dll`), as real processes:
/// one line on stderr, a non-zero exit, nothing else.
/// </summary>
public sealed class ServeStartupTests : TemplateProjectTests
{
    [Fact]
    public async Task Serve_BadHost_OneLineErrorAndNonZeroExit()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "serve", "-C", Project.Root, "--host", "bad host/x");

        Assert.NotEqual(0, code);
        Assert.Equal("error: --host must be an IP address or a host name (got 'bad host/x')", stderr.Trim());
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public async Task Serve_BusyPort_OneLineErrorWithoutHostLog()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "serve", "-C", Project.Root, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotEqual(0, code);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: cannot start the server: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public async Task ServerHost_BusyPort_OneLineErrorWithoutHostLog()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (code, stdout, stderr) = await RunServerHostAsync("--project", Project.Root, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotEqual(0, code);
        Assert.StartsWith("error: cannot start the server: ", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public async Task Serve_WarehouseHeldByAnotherProcess_OneLineErrorWithoutHostLog()
    {
        var (workspace, error) = await ChurnOps.Platform.Projects.ChurnOpsWorkspace.OpenAsync(Project.Root, TimeProvider.System, CancellationToken.None);
        Assert.Null(error);
        await using (await workspace!.KeepWarehouseOpenAsync(CancellationToken.None))
        {
            var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "serve", "-C", Project.Root, "--port", "0");

            Assert.NotEqual(0, code);
            Assert.Contains("warehouse", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
            Assert.Empty(stdout.Trim());
        }
    }

    [Theory]
    [InlineData(new string[0], "error: --project is required")]
    [InlineData(new[] { "--project" }, "error: --project needs a value")]
    [InlineData(new[] { "--verbose" }, "error: unknown argument '--verbose'")]
    [InlineData(new[] { "--project", ".", "--port", "eighty" }, "error: --port must be a number between 0 and 65535 (got 'eighty')")]
    [InlineData(new[] { "--project", ".", "--log-level", "loud" }, "error: --log-level must be one of trace, debug, information, warning, error, critical, none (got 'loud')")]
    public async Task ServerHost_BadArguments_OneLineErrorAndExitTwo(string[] args, string expected)
    {
        var (code, stdout, stderr) = await RunServerHostAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith(expected, Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public async Task ServerHost_PortOutOfRange_OneLineErrorAndExitTwo()
    {
        var (code, _, stderr) = await RunServerHostAsync("--project", Project.Root, "--port", "70000", "--host", "bad host/x");

        Assert.Equal(2, code);
        Assert.Equal("error: --port must be between 0 and 65535 (got 70000)", stderr.Trim());
    }

    [Fact]
    public async Task ServerHost_NotAProject_NamesTheMissingFile()
    {
        using var empty = new TempDirectory();

        var (code, _, stderr) = await RunServerHostAsync("--project", empty.Path);

        Assert.Equal(2, code);
        Assert.Contains("churnops.yaml: not found", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerHost_Project_AnswersHealthAndStopsCleanlyOnSigterm()
    {
        await using var server = await ServedProcess.StartAsync("ChurnOps.Server.dll", "--project", Project.Root, "--port", "0");
        using var http = new HttpClient { BaseAddress = server.Url };

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, await server.StopAsync());
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunServerHostAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChurnOps.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
