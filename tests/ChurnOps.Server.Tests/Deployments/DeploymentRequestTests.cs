using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>Refused deployment requests over a real port: each a precise 400/404/409 ProblemDetails, and nothing changed.</summary>
public sealed class DeploymentRequestTests : IAsyncLifetime
{
    private CanaryServer _server = null!;

    public async Task InitializeAsync() => _server = await CanaryServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { """{"model": "no-such-model", "version": 2}""", HttpStatusCode.NotFound, "model 'no-such-model' is not registered" },
        { """{"model": "churn", "version": 99}""", HttpStatusCode.NotFound, "model 'churn' has no version 99" },
        { """{"model": "churn", "version": 5}""", HttpStatusCode.Conflict, "version 5 of 'churn' is pending approval; only an approved version can be deployed" },
        { """{"model": "churn", "version": 1}""", HttpStatusCode.BadRequest, "version 1 is already the stable version (churn@champion)" },
        { """{"model": "churn", "version": 2, "weights": {"stable": 80, "candidate": 10}}""", HttpStatusCode.BadRequest, "weights: stable 80 + candidate 10 = 90; the arms' weights must add up to 100" },
        { """{"model": "churn", "version": 2, "weights": {"stable": 80, "candidate": 20}}""", HttpStatusCode.BadRequest, "weights: candidate 20 does not match the first step 10%" },
        { """{"model": "churn", "version": 2, "steps": [50, 20, 100]}""", HttpStatusCode.BadRequest, "steps: 50,20,100: weights must rise step by step" },
        { """{"model": "churn", "version": 2, "steps": [10, 50]}""", HttpStatusCode.BadRequest, "steps: 10,50: the last step must be 100 (where the alias moves)" },
        { """{"model": "churn", "version": 2, "canary": 0}""", HttpStatusCode.BadRequest, "canary: 0% is not a canary weight; give 1 to 99" },
        { """{"model": "churn", "version": 2, "interval": "soon"}""", HttpStatusCode.BadRequest, "interval: 'soon' is not a duration (e.g. 30s, 5m, 1h)" },
        { """{"model": "churn", "version": "2"}""", HttpStatusCode.BadRequest, "version: expected a whole number" },
        { """{"model": "churn", "version": 2, "canery": 10}""", HttpStatusCode.BadRequest, "canery: unknown field" },
        { """{"model": "churn", """, HttpStatusCode.BadRequest, "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Deploy_BadRequest_PreciseStatusAndNothingStarted(string json, HttpStatusCode status, string expected)
    {
        using var response = await _server.Http.PostAsync(new Uri("/api/v1/deployments", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Deploy_SecondDeploymentOfTheSameModel_ConflictAndTheFirstUnchanged()
    {
        var first = await CanaryRolloutTests.StartAsync(_server, CanaryServer.Good, [10, 100], interval: "1h");
        var before = (await _server.GetDeploymentAsync(first)).ToJsonString();

        using var response = await _server.DeployAsync(new { model = "churn", version = CanaryServer.Inverted });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"model 'churn' already has deployment {first} (active, version 2 at 10%)", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await ListAsync());
        Assert.Equal(before, (await _server.GetDeploymentAsync(first)).ToJsonString());
    }

    [Fact]
    public async Task Actions_UnknownDeploymentOrClosedOne_NotFoundOrConflict()
    {
        var id = await CanaryRolloutTests.StartAsync(_server, CanaryServer.Good, [10, 100], interval: "1h");
        using var rolledBack = await _server.Http.PostAsync(new Uri($"/api/v1/deployments/{id}/rollback", UriKind.Relative), NoBody());
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);

        using var again = await _server.Http.PostAsync(new Uri($"/api/v1/deployments/{id}/promote", UriKind.Relative), NoBody());
        using var unknown = await _server.Http.PostAsync(new Uri("/api/v1/deployments/999/pause", UriKind.Relative), NoBody());
        using var verb = await _server.Http.PostAsync(new Uri($"/api/v1/deployments/{id}/explode", UriKind.Relative), NoBody());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"deployment {id} is rolled-back; cannot promote it", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, verb.StatusCode);
        Assert.Equal(1, (await _server.Workspace.Registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
    }

    [Fact]
    public async Task Actions_PauseResumePromote_ByHand_MoveTheDeployment()
    {
        var id = await CanaryRolloutTests.StartAsync(_server, CanaryServer.Good, [10, 50, 100], interval: "1h");

        var paused = await ActAsync(id, "pause");
        var resumed = await ActAsync(id, "resume");
        var promoted = await ActAsync(id, "promote");
        var completed = await ActAsync(id, "promote");

        Assert.Equal("paused", paused["status"]!.GetValue<string>());
        Assert.Equal("active", resumed["status"]!.GetValue<string>());
        Assert.Equal(50, promoted["candidateWeight"]!.GetValue<int>());
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
        Assert.Equal(CanaryServer.Good, (await _server.Workspace.Registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
        var history = (await _server.GetDeploymentAsync(id))["history"]!.AsArray();
        Assert.Equal(["started", "paused", "resumed", "promoted", "promoted"], history.Select(e => e!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Promote_CandidateRejectedDuringTheCanary_PausedAndTheAliasStays()
    {
        var id = await CanaryRolloutTests.StartAsync(_server, CanaryServer.Good, [10, 100], interval: "1h");
        var rejection = new ChurnOps.Core.Registry.ModelApproval("churn", CanaryServer.Good, ChurnOps.Core.Registry.ApprovalDecision.Reject, "mlops-team", "tester", DateTimeOffset.UtcNow, "drifted", new Dictionary<string, double>(), new ChurnOps.Core.Registry.GateVerdict(true, new Dictionary<string, double>(), []));
        Assert.True((await _server.Workspace.Registry.RecordApprovalAsync(rejection, CancellationToken.None)).IsSuccess);

        var promoted = await ActAsync(id, "promote");

        Assert.Equal("paused", promoted["status"]!.GetValue<string>());
        Assert.Equal("version 2 is rejected; churn@champion stays on version 1", promoted["reason"]!.GetValue<string>());
        Assert.Equal(1, (await _server.Workspace.Registry.GetAliasesAsync("churn", CancellationToken.None))["champion"]);
    }

    private async Task<JsonNode> ActAsync(long id, string action)
    {
        using var response = await _server.Http.PostAsync(new Uri($"/api/v1/deployments/{id}/{action}", UriKind.Relative), NoBody());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private async Task<JsonArray> ListAsync() =>
        (await _server.Http.GetFromJsonAsync<JsonArray>(new Uri("/api/v1/deployments", UriKind.Relative)))!;

    /// <summary>An action POST carries no fields, but it declares JSON like every mutating request must (browser safety).</summary>
    private static StringContent NoBody() => new("{}", Encoding.UTF8, "application/json");
}
