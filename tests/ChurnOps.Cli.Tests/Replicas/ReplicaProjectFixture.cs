using ChurnOps.Cli.Tests.TeamStores;

namespace ChurnOps.Cli.Tests.Replicas;

/// <summary>
/// One team-mode project shared by the replica tests: metadata on the test PostgreSQL cluster, the online store on the
/// test redis-server, artifacts on the test S3 server, quickstarted once (version 1, champion) and trained once more
/// (version 2, approved, no alias). Replicas serve copies of its directory with the warehouse (and so the prediction log)
/// on a second PostgreSQL database, as pods that share nothing but the team stores.
/// </summary>
public sealed class ReplicaProjectFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private PostgresCluster? _cluster;
    private readonly List<string> _databases = [];

    public string ProjectDir => _temp.Sub("project");

    /// <summary>CHURNOPS__* for every command of the project (metadata, online store, artifacts).</summary>
    public Dictionary<string, string> Environment { get; private set; } = [];

    /// <summary>The warehouse database replicas log predictions to (an Npgsql connection string).</summary>
    public string WarehouseConnectionString { get; private set; } = string.Empty;

    /// <summary><see cref="Environment"/> plus the shared PostgreSQL warehouse, for the serving replicas.</summary>
    public Dictionary<string, string> ReplicaEnvironment { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.GetAsync();
        var metadata = await _cluster.CreateDatabaseAsync("replicas");
        var warehouse = await _cluster.CreateDatabaseAsync("replicaswh");
        _databases.AddRange([metadata, warehouse]);
        Environment = await TeamStoresEndToEndTests.EnvironmentAsync("replicas-" + Guid.NewGuid().ToString("N"), database: 7);
        Environment["CHURNOPS__STORAGE__METADATA"] = _cluster.Url(metadata);
        // The replicas answer requests; the project's pipelines are another test's business.
        Environment["CHURNOPS__PIPELINES__RUN_IN_SERVE"] = "false";
        WarehouseConnectionString = _cluster.ConnectionString(warehouse);
        ReplicaEnvironment = new Dictionary<string, string>(Environment) { ["CHURNOPS__STORAGE__WAREHOUSE"] = _cluster.Url(warehouse) };

        await RunAsync("quickstart", "--dir", ProjectDir, "--rows", "2000", "--seed", "42");
        await RunAsync("train", "-C", ProjectDir);
        await RunAsync("models", "approve", "churn", "2", "--team", "mlops-team", "--as", "replica-reviewer", "--note", "second version for the replica tests", "-C", ProjectDir);
    }

    /// <summary>Runs a churnops command on the project with <see cref="Environment"/>; a non-zero exit fails the test.</summary>
    public async Task<string> RunAsync(params string[] args)
    {
        var (code, stdout, stderr) = await CliProcess.RunWithEnvironmentAsync(_temp.Path, Environment, args);
        Assert.True(code == 0, $"churnops {string.Join(' ', args)} exited {code}: {stderr}{stdout}");
        return stdout;
    }

    public async Task DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            await _cluster!.DropDatabaseAsync(database);
        }

        _temp.Dispose();
    }
}
