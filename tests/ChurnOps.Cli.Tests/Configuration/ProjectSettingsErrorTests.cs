using ChurnOps.Testing;

namespace ChurnOps.Cli.Tests.Configuration;

/// <summary>The real binary started on a project whose churnops.yaml and CHURNOPS__* environment both hold bad values.</summary>
public sealed class ProjectSettingsErrorTests
{
    [Fact]
    public async Task Serve_BadYamlValueAndBadEnvironmentVariable_ListsEveryProblemOneLineEachAndExitsNonZero()
    {
        using var temp = new TempDirectory();
        var (init, _, _) = await CliProcess.RunAsync(temp.Path, "init", "proj");
        Assert.Equal(0, init);
        var config = Path.Combine(temp.Path, "proj", "churnops.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config))
            .Replace("  pool_size: 64", "  pool_size: lots", StringComparison.Ordinal)
            .Replace("  test_fraction: 0.2", "  test_fraction: 0.9", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["CHURNOPS__SERVING__MAX_REQUEST_BYTES"] = "4MB", ["CHURNOPS__SERVING__PROT"] = "1" };

        var (code, stdout, stderr) = await CliProcess.RunWithEnvironmentAsync(temp.Path, environment, "serve", "-C", "proj", "--port", "0");

        Assert.NotEqual(0, code);
        Assert.DoesNotContain("ChurnOps serving", stdout, StringComparison.Ordinal);
        var lines = stderr.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains($"error: {config}:38: serving.pool_size: 'lots' is not a whole number", lines);
        Assert.Contains("error: CHURNOPS__SERVING__MAX_REQUEST_BYTES: serving.max_request_bytes: '4MB' is not a whole number", lines);
        Assert.Contains(lines, l => l.StartsWith("error: CHURNOPS__SERVING__PROT: serving.prot: unknown setting", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(temp.Path, "proj", ".churnops", "warehouse.duckdb")));
    }

    [Fact]
    public async Task Serve_ValidValuesOutOfRangeInYamlAndEnvironment_ListsBoth()
    {
        using var temp = new TempDirectory();
        var (init, _, _) = await CliProcess.RunAsync(temp.Path, "init", "proj");
        Assert.Equal(0, init);
        var config = Path.Combine(temp.Path, "proj", "churnops.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("  test_fraction: 0.2", "  test_fraction: 0.9", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["CHURNOPS__SERVING__POOL_SIZE"] = "0" };

        var (code, _, stderr) = await CliProcess.RunWithEnvironmentAsync(temp.Path, environment, "serve", "-C", "proj", "--port", "0");

        Assert.NotEqual(0, code);
        Assert.Equal(
            [$"error: {config}:13: model.test_fraction: must be in (0, 0.5)", "error: CHURNOPS__SERVING__POOL_SIZE: serving.pool_size: must be between 1 and 1024"],
            stderr.Trim().Split('\n'));
    }
}
