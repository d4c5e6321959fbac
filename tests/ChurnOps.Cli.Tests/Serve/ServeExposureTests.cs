using System.Net;

namespace ChurnOps.Cli.Tests.Serve;

/// <summary>
/// A non-loopback bind without authentication (which does not exist yet), as real processes: refused in one line with
/// exit 2 naming --insecure; with --insecure it serves and warns once.
/// </summary>
public sealed class ServeExposureTests : TemplateProjectTests
{
    [Fact]
    public async Task Serve_WildcardHostWithoutInsecure_OneLineNamingTheFlagAndExitTwo()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "serve", "-C", Project.Root, "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: refusing to bind to '0.0.0.0' without authentication", line, StringComparison.Ordinal);
        Assert.Contains("--insecure", line, StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public async Task ServerHost_WildcardHostWithoutInsecure_OneLineNamingTheFlagAndExitTwo()
    {
        var (code, stdout, stderr) = await ServeStartupTests.RunServerHostAsync("--project", Project.Root, "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(2, code);
        Assert.Contains("--insecure", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
    }

    [Theory]
    [InlineData("churnops.dll")]
    [InlineData("ChurnOps.Server.dll")]
    public async Task Serve_WildcardHostWithInsecure_ServesAndWarnsOnce(string dll)
    {
        string[] args = dll == "churnops.dll"
            ? ["serve", "-C", Project.Root, "--host", "0.0.0.0", "--port", "0", "--insecure"]
            : ["--project", Project.Root, "--host", "0.0.0.0", "--port", "0", "--insecure"];
        await using var server = await ServedProcess.StartAsync(dll, args);
        // Bound to every address; reached (as a test may only be) on loopback.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Url!.Port}") };

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, await server.StopAsync());
        Assert.Single(server.ErrorLines, l => l.StartsWith("warning: --insecure: serving on '0.0.0.0' without authentication", StringComparison.Ordinal));
    }
}
