using System.Net;

namespace ChurnOps.Cli.Tests.Serve;

/// <summary>
/// What `churnops serve` writes to stdout per request, as a real process stopped with SIGTERM (so the console log is
/// flushed; the "Server stopping" line proves it was).
/// </summary>
public sealed class ServeLoggingTests : TemplateProjectTests
{
    [Fact]
    public async Task Serve_DefaultLevel_RequestsWriteNoInformationLines()
    {
        var lines = await ServeTwoRequestsAsync();

        Assert.Contains(lines, line => line.StartsWith("info: ChurnOps.Server.Hosting", StringComparison.Ordinal) && line.Contains("Serving project", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Server stopping", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("info: Microsoft.", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("dbug:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_LogLevelDebug_RequestsWriteRequestLines()
    {
        var lines = await ServeTwoRequestsAsync("--log-level", "debug");

        Assert.Contains(lines, line => line.StartsWith("info: Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal) && line.Contains("Request starting", StringComparison.Ordinal) && line.Contains("/health", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("dbug: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_LoggingLevelWarningInProject_HidesChurnOpsInformationToo()
    {
        var config = Path.Combine(Project.Root, "churnops.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("level: information", "level: warning", StringComparison.Ordinal));

        var lines = await ServeTwoRequestsAsync();

        Assert.DoesNotContain(lines, line => line.StartsWith("info:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_UnknownLogLevel_OneLineErrorAndExitTwo()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Project.Root, "serve", "-C", Project.Root, "--port", "0", "--log-level", "loud");

        Assert.Equal(2, code);
        Assert.Equal("error: --log-level must be one of trace, debug, information, warning, error, critical, none (got 'loud')", stderr.Trim());
    }

    private async Task<IReadOnlyList<string>> ServeTwoRequestsAsync(params string[] extra)
    {
        await using var server = await ServedProcess.StartAsync("churnops.dll", ["serve", "-C", Project.Root, "--port", "0", .. extra]);
        using var http = new HttpClient { BaseAddress = server.Url };
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, await server.StopAsync());
        return server.Lines;
    }
}
