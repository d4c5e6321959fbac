using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChurnOps.Platform.Deployments;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// Canaries driven end to end over a real port: the server's own analysis (every second) judges each step on the arms'
/// live figures while a client keeps scoring, and every client request must be answered 200 throughout.
/// </summary>
public sealed class CanaryRolloutTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Canary_InvertedCandidate_RolledBackByAnalysis_WithZeroFailedRequests()
    {
        await using var server = await CanaryServer.StartAsync();
        var id = await StartAsync(server, CanaryServer.Inverted, [30, 60, 100]);
        var traffic = new TrafficLoop(server.Http, seed: 1);

        var final = await server.WaitForAsync(id, d => Status(d) != "active", traffic, Limit);
        await traffic.SendAsync(40);

        Assert.Empty(traffic.Failures);
        Assert.Equal("rolled-back", Status(final));
        Assert.Equal(0, final["candidateWeight"]!.GetValue<int>());
        Assert.Contains("score_psi", final["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(traffic.Arms.GetValueOrDefault($"{id}/candidate") > 0, "the candidate took part of the traffic before the rollback");
        Assert.Equal(1, (await server.Workspace.Registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
        var alert = Assert.Single(await server.Workspace.Alerts.ListAsync(DeploymentAlerts.RolledBack, 10, CancellationToken.None));
        Assert.Equal("mlops-team", alert.Team);
        Assert.Contains("score_psi", alert.Rule, StringComparison.Ordinal);
        Assert.Contains("candidate v3", alert.Message, StringComparison.Ordinal);
        var history = final["history"]!.AsArray();
        var failed = history[^1]!;
        Assert.Equal("rolled-back", failed["action"]!.GetValue<string>());
        Assert.Contains(failed["checks"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "score_psi" && c["outcome"]!.GetValue<string>() == "Failed");
        Assert.Contains(failed["checks"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "precision" && c["outcome"]!.GetValue<string>() == "Skipped" && c["message"]!.GetValue<string>() == "no labels yet");
    }

    [Fact]
    public async Task Canary_CandidateThatCannotLoad_ErrorsCountedAndRolledBack_ClientsAnsweredByStable()
    {
        await using var server = await CanaryServer.StartAsync(minSamples: 50);
        var id = await StartAsync(server, CanaryServer.Broken, [40, 100]);
        var traffic = new TrafficLoop(server.Http, seed: 2);

        var final = await server.WaitForAsync(id, d => Status(d) != "active", traffic, Limit);

        Assert.Empty(traffic.Failures);
        Assert.Equal("rolled-back", Status(final));
        Assert.Contains("error_rate", final["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(traffic.Arms.ContainsKey($"{id}/candidate"), "a candidate that cannot answer never answers a client");
        Assert.Equal(1, (await server.Workspace.Registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
    }

    [Fact]
    public async Task Canary_GoodCandidate_PromotedStepByStep_MovesAliasAndLogsArms()
    {
        await using var server = await CanaryServer.StartAsync();
        var id = await StartAsync(server, CanaryServer.Good, [30, 60, 100]);
        var traffic = new TrafficLoop(server.Http, seed: 3);

        var final = await server.WaitForAsync(id, d => Status(d) != "active", traffic, Limit);

        Assert.Empty(traffic.Failures);
        Assert.Equal("completed", Status(final));
        Assert.Equal(CanaryServer.Good, (await server.Workspace.Registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
        var history = final["history"]!.AsArray();
        Assert.Equal(["started", "passed", "passed"], history.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal([30, 60, 100], history.Select(e => e!["candidateWeight"]!.GetValue<int>()));
        Assert.All(history.Skip(1), e => Assert.Equal(2, e!["figures"]!.AsArray().Count));

        // Every answered prediction is logged with its deployment and arm (the log writes in the background).
        await WaitForRowsAsync(server, $"SELECT count(*) FROM monitoring.predictions WHERE deployment_id = {id} AND arm = 'candidate' AND model_version = 2");
        await WaitForRowsAsync(server, $"SELECT count(*) FROM monitoring.predictions WHERE deployment_id = {id} AND arm = 'stable' AND model_version = 1");
    }

    [Fact]
    public async Task Canary_ServerRestartMidCanary_ResumesAtThePersistedStep_AndPromotesOnce()
    {
        await using var server = await CanaryServer.StartAsync();
        var id = await StartAsync(server, CanaryServer.Good, [20, 50, 100]);
        var traffic = new TrafficLoop(server.Http, seed: 4);
        await server.WaitForAsync(id, d => d["step"]!.GetValue<int>() == 2, traffic, Limit);

        // No traffic from here: the new step cannot be judged before the restart (it needs its own samples).
        await server.RestartAsync();
        var resumed = await server.GetDeploymentAsync(id);
        Assert.Equal("active", Status(resumed));
        Assert.Equal(2, resumed["step"]!.GetValue<int>());
        Assert.Equal(50, resumed["candidateWeight"]!.GetValue<int>());

        var after = new TrafficLoop(server.Http, seed: 5);
        var final = await server.WaitForAsync(id, d => Status(d) != "active", after, Limit);

        Assert.Empty(traffic.Failures);
        Assert.Empty(after.Failures);
        Assert.True(after.Arms.GetValueOrDefault($"{id}/candidate") > 0, "the restarted server routes the resumed canary");
        Assert.Equal("completed", Status(final));
        Assert.Equal(["started", "passed", "passed"], final["history"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal(CanaryServer.Good, (await server.Workspace.Registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
    }

    [Fact]
    public async Task Shadow_InvertedCandidate_NeverAnswers_MirroredFiguresRollItBack()
    {
        await using var server = await CanaryServer.StartAsync();
        using var response = await server.DeployAsync(new { model = "churn", version = CanaryServer.Inverted, steps = new[] { 50, 100 }, interval = "1s", shadow = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var traffic = new TrafficLoop(server.Http, seed: 7);

        var final = await server.WaitForAsync(id, d => Status(d) != "active", traffic, Limit);

        Assert.Empty(traffic.Failures);
        Assert.False(traffic.Arms.ContainsKey($"{id}/candidate"), "in shadow mode every answer comes from the stable arm");
        Assert.Equal("rolled-back", Status(final));
        var candidate = final["history"]!.AsArray()[^1]!["figures"]!.AsArray().Single(f => f!["arm"]!.GetValue<string>() == "candidate")!;
        Assert.True(candidate["requests"]!.GetValue<long>() >= 200, "the candidate was judged on mirrored requests");
        Assert.Contains("score_psi", final["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_SameCustomer_AlwaysTheSameArm_BothArmsUsed()
    {
        await using var server = await CanaryServer.StartAsync();
        var id = await StartAsync(server, CanaryServer.Good, [50, 100], interval: "1h");
        var random = new Random(6);
        var armsByCustomer = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

        for (var round = 0; round < 3; round++)
        {
            for (var c = 0; c < 40; c++)
            {
                var customer = "C" + c.ToString("D4", CultureInfo.InvariantCulture);
                using var response = await server.Http.PostAsync(new Uri("/v2/models/churn/infer", UriKind.Relative),
                    new StringContent(CanaryServer.InferBody(random, customer), System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var arm = response.Headers.GetValues("x-deployment").Single();
                var version = response.Headers.GetValues("x-model-version").Single();
                Assert.Equal(arm == $"{id}/candidate" ? "2" : "1", version);
                (armsByCustomer.TryGetValue(customer, out var seen) ? seen : armsByCustomer[customer] = []).Add(arm);
            }
        }

        Assert.All(armsByCustomer.Values, arms => Assert.Single(arms));
        var split = armsByCustomer.Values.GroupBy(a => a.Single()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, split.Count);
    }

    internal static async Task<long> StartAsync(CanaryServer server, int version, int[] steps, string interval = "1s")
    {
        using var response = await server.DeployAsync(new { model = "churn", version, steps, interval });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body["id"]!.GetValue<long>();
    }

    private static string Status(JsonNode deployment) => deployment["status"]!.GetValue<string>();

    private static async Task WaitForRowsAsync(CanaryServer server, string countSql)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Convert.ToInt64(await server.Workspace.Warehouse.ScalarAsync(countSql, CancellationToken.None), CultureInfo.InvariantCulture) == 0)
        {
            Assert.True(DateTime.UtcNow < until, "no rows for: " + countSql);
            await Task.Delay(100);
        }
    }
}
