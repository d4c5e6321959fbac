namespace ChurnOps.Cli.Tests.TeamStores;

/// <summary>Team-store settings that cannot work are one line on stderr and a non-zero exit, never a stack trace or a secret.</summary>
public sealed class TeamStoresConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private async Task<string> InitAsync()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(_dir.Path, "init", "proj");
        Assert.True(exit == 0, stderr);
        return _dir.Sub("proj");
    }

    private static void AssertOneLineError(string stderr, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeaturesMaterialize_RedisUnreachable_OneLineNamingTheLocationAndExit69()
    {
        var project = await InitAsync();
        var port = LocalServerProcess.FreePort();

        var (exit, _, stderr) = await CliProcess.RunWithEnvironmentAsync(_dir.Path, new Dictionary<string, string> { ["CHURNOPS__STORAGE__ONLINE"] = $"redis://127.0.0.1:{port}/2" }, "features", "materialize", "-C", project);

        Assert.Equal(69, exit);
        AssertOneLineError(stderr, $"online store redis://127.0.0.1:{port}/2: the server is unreachable");
    }

    [Fact]
    public async Task AnyProjectCommand_ArtifactsNotAnS3Location_OneLineNamingTheVariable()
    {
        var project = await InitAsync();

        var (exit, _, stderr) = await CliProcess.RunWithEnvironmentAsync(_dir.Path, new Dictionary<string, string> { ["CHURNOPS__STORAGE__ARTIFACTS"] = "https://bucket.example.com/models" }, "models", "list", "-C", project);

        Assert.NotEqual(0, exit);
        AssertOneLineError(stderr, "CHURNOPS__STORAGE__ARTIFACTS: storage.artifacts: 'https://bucket.example.com/models': expected s3://bucket[/prefix]");
    }

    [Fact]
    public async Task AnyProjectCommand_PasswordInTheRedisLocation_RefusedWithoutEchoingIt()
    {
        var project = await InitAsync();

        var (exit, _, stderr) = await CliProcess.RunWithEnvironmentAsync(_dir.Path, new Dictionary<string, string> { ["CHURNOPS__STORAGE__ONLINE"] = "redis://:hunter2@cache:6379" }, "models", "list", "-C", project);

        Assert.NotEqual(0, exit);
        AssertOneLineError(stderr, "set CHURNOPS__STORAGE__REDIS__PASSWORD instead");
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyProjectCommand_SecretInChurnopsYaml_RefusedNamingTheEnvironmentVariable()
    {
        var project = await InitAsync();
        await File.AppendAllTextAsync(Path.Combine(project, "churnops.yaml"), "\nstorage:\n  artifacts: s3://models/churn\n  s3:\n    endpoint: http://127.0.0.1:9000\n    secret_access_key: hunter2\n");

        var (exit, _, stderr) = await CliProcess.RunAsync(_dir.Path, "models", "list", "-C", project);

        Assert.NotEqual(0, exit);
        AssertOneLineError(stderr, "storage.s3.secret_access_key: a secret does not belong in churnops.yaml; set CHURNOPS__STORAGE__S3__SECRET_ACCESS_KEY in the environment instead");
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
