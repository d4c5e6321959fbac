using System.Globalization;
using System.Text.RegularExpressions;
using ChurnOps.Platform.Projects;
using Npgsql;

namespace ChurnOps.Cli.Tests.Replicas;

/// <summary>
/// Two real `churnops scheduler` processes, each on its own copy of the project (as two pods), share one PostgreSQL
/// metadata database and so one clustered Quartz store. A pipeline scheduled every two seconds is fired exactly once per
/// instant between them; when the node that fired last is killed (SIGKILL), the other fires every following instant.
/// </summary>
public sealed partial class SchedulerClusterTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const string Pipeline = """
        name: tick
        owner: data-engineering
        schedule: "*/2 * * * * *"
        steps: [{ name: a, shell: "true" }]
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-cli-tests", "cluster-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        foreach (var node in new[] { "a", "b" })
        {
            var dir = Path.Combine(_root, node);
            Assert.Null((await ProjectTemplate.WriteAsync(dir, overwrite: false, CancellationToken.None)).Error);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, "pipelines")))
            {
                File.Delete(file);
            }

            await File.WriteAllTextAsync(Path.Combine(dir, "pipelines", "tick.yaml"), Pipeline);
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Scheduler_TwoProcessesOnePostgres_EachInstantFiredOnceAndTheSurvivorTakesOver()
    {
        await database.ResetAsync();
        var environment = new Dictionary<string, string>
        {
            ["CHURNOPS__STORAGE__METADATA"] = database.Url,
            ["CHURNOPS__PIPELINES__CLUSTER_CHECKIN_SECONDS"] = "2",
            ["CHURNOPS__PIPELINES__POLL_SECONDS"] = "1",
        };
        await using var a = ReplicaProcess.Start("a", Path.Combine(_root, "a"), environment, "scheduler", "-C", Path.Combine(_root, "a"));
        await using var b = ReplicaProcess.Start("b", Path.Combine(_root, "b"), environment, "scheduler", "-C", Path.Combine(_root, "b"));
        var nodes = new[] { a, b };
        foreach (var node in nodes)
        {
            await node.WaitForLineAsync(l => l.Contains("clustered job store on PostgreSQL", StringComparison.Ordinal), TimeSpan.FromSeconds(120), "clustered start");
        }

        // Both nodes run: let the cluster fire a bounded number of instants, then crash the node that fired last.
        var bothUp = DateTimeOffset.UtcNow;
        await WaitForFiresAsync(nodes, f => f.SeenAt > bothUp, 6, TimeSpan.FromSeconds(60));
        var victim = Fires(nodes).MaxBy(f => f.Instant)!.Node == "a" ? a : b;
        var survivor = victim == a ? b : a;
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await WaitForFiresAsync([survivor], f => f.Instant > killedAt, 6, TimeSpan.FromSeconds(90));
        await survivor.KillAsync();

        var fires = Fires(nodes);
        var twice = fires.GroupBy(f => f.Instant).Where(g => g.Count() > 1).Select(g => $"{g.Key:u} by {string.Join("+", g.Select(f => f.Node))}").ToList();
        Assert.True(twice.Count == 0, "instants fired more than once: " + string.Join(", ", twice));
        // No instant between the first and the last fire was skipped, the kill included.
        var first = fires.Min(f => f.Instant);
        var last = fires.Max(f => f.Instant);
        var expected = Enumerable.Range(0, (int)((last - first).TotalSeconds / 2) + 1).Select(i => first.AddSeconds(2 * i)).ToList();
        Assert.Equal(expected, fires.Select(f => f.Instant).Order().ToList());
        Assert.Contains(fires, f => f.Node == victim.Name && f.Instant < killedAt);
        Assert.All(fires.Where(f => f.Instant > killedAt.AddSeconds(1)), f => Assert.Equal(survivor.Name, f.Node));

        // The second guard agrees: one run per instant in pipeline_runs, and the same instants.
        var runs = await RunInstantsAsync();
        Assert.Equal(runs.Distinct().Count(), runs.Count);
        Assert.Equal(expected, runs.Where(r => r >= first && r <= last).Order().ToList());

        // Failover gap: from the kill to the survivor's first fire of an instant due after the kill.
        var takeover = fires.Where(f => f.Node == survivor.Name && f.Instant > killedAt).Min(f => f.SeenAt);
        Console.WriteLine($"scheduler failover: {(takeover - killedAt).TotalSeconds:0.0}s from SIGKILL to the survivor's next fire; {fires.Count} instants, {fires.Count(f => f.Node == "a")} by a, {fires.Count(f => f.Node == "b")} by b");
    }

    private static async Task WaitForFiresAsync(IReadOnlyList<ReplicaProcess> nodes, Func<Fire, bool> counted, int count, TimeSpan bound)
    {
        var deadline = DateTimeOffset.UtcNow + bound;
        while (Fires(nodes).Count(counted) < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"fewer than {count} fires within {bound}: {string.Join(" /// ", nodes.Select(n => n.Name + ": " + n.Output))}");
            await Task.Delay(100);
        }
    }

    private static List<Fire> Fires(IReadOnlyList<ReplicaProcess> nodes) =>
        [.. nodes.SelectMany(n => n.Lines.Select(l => (n.Name, l.At, Match: FireLine().Match(l.Line)))
            .Where(x => x.Match.Success)
            .Select(x => new Fire(x.Name, DateTimeOffset.ParseExact(x.Match.Groups[1].Value, "u", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), x.At)))];

    private async Task<List<DateTimeOffset>> RunInstantsAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT logical_date_ms FROM pipeline_runs WHERE pipeline = 'tick' AND trigger = 'schedule'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var instants = new List<DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            instants.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        }

        return instants;
    }

    [GeneratedRegex(@"tick: fired for (\S+ \S+),")]
    private static partial Regex FireLine();

    private sealed record Fire(string Node, DateTimeOffset Instant, DateTimeOffset SeenAt);
}
