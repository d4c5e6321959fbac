namespace ChurnOps.Cli.Tests;

/// <summary>The real binary: bad input gives one line on stderr and a non-zero exit, and writes nothing.</summary>
public sealed class CliErrorTests
{
    [Fact]
    public async Task Quickstart_TooFewRows_FailsWithOneLineAndWritesNothing()
    {
        using var temp = new TempDirectory();

        var (code, _, stderr) = await CliProcess.RunAsync(temp.Path, "quickstart", "--rows", "5", "--dir", "p");

        Assert.NotEqual(0, code);
        Assert.StartsWith("error: --rows must be between 200", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(temp.Sub("p")));
    }

    [Fact]
    public async Task Serve_NotAProject_FailsNamingTheMissingFile()
    {
        using var temp = new TempDirectory();

        var (code, _, stderr) = await CliProcess.RunAsync(temp.Path, "serve", "-C", temp.Path, "--port", "0");

        Assert.NotEqual(0, code);
        Assert.Contains("churnops.yaml: not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataGenerate_WritesThreeFiles_AndJsonSummary()
    {
        using var temp = new TempDirectory();

        var (code, stdout, stderr) = await CliProcess.RunAsync(temp.Path, "data", "generate", "--rows", "250", "--out", "d", "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("\"customers\": 250", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "d", "events.csv")));
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "d"), "*.tmp"));
    }

    [Fact]
    public async Task Init_WritesProject_ThenKeepsEditedFilesOnSecondRun()
    {
        using var temp = new TempDirectory();
        var (first, _, _) = await CliProcess.RunAsync(temp.Path, "init", "proj");
        var config = Path.Combine(temp.Path, "proj", "churnops.yaml");
        await File.AppendAllTextAsync(config, "# my edit\n");

        var (second, _, _) = await CliProcess.RunAsync(temp.Path, "init", "proj");

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.EndsWith("# my edit\n", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "proj", "contracts", "customers.yaml")));
    }

    [Fact]
    public async Task Quickstart_WhileServeHoldsTheProject_FailsWithClearMessage()
    {
        using var temp = new TempDirectory();
        var (init, _, _) = await CliProcess.RunAsync(temp.Path, "init", "proj");
        Assert.Equal(0, init);
        using var server = await CliProcess.StartAsync(temp.Path, "ChurnOps serving", "serve", "-C", "proj", "--port", "0");
        try
        {
            var (code, _, stderr) = await CliProcess.RunAsync(temp.Path, "quickstart", "--dir", "proj", "--rows", "300");

            Assert.NotEqual(0, code);
            Assert.Contains($"the warehouse is in use by 'churnops serve' (pid {server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}, since ", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.Trim().Split('\n'));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
