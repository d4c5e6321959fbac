using System.Text.Json;
using ChurnOps.Core.Audit;

namespace ChurnOps.Server.Tests.Audit;

/// <summary>
/// Mutations over a real port land in the audit log with who, from where, the route, the status and the object; reads
/// and scoring do not; a registry change recorded by its use case is one detailed entry, not two.
/// </summary>
public sealed class AuditApiTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<string> NewRunAsync() => (await NewExperimentRunAsync()).RunId;

    private async Task<(string ExperimentId, string RunId)> NewExperimentRunAsync()
    {
        var (_, experiment) = await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/experiments/create", $$"""{"name": "exp-{{Guid.NewGuid():N}}"}""");
        var experimentId = experiment.GetProperty("experiment_id").GetString()!;
        var (_, run) = await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}", "start_time": 1700000000000}""");
        return (experimentId, run.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!);
    }

    [Fact]
    public async Task RunDelete_ByAuthenticatedActor_RecordedWithActorTeamOriginRouteAndRunId()
    {
        var runId = await NewRunAsync();

        var (status, _) = await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/runs/delete", $$"""{"run_id": "{{runId}}"}""", actor: "dana|data-science");

        Assert.Equal(200, status);
        var entry = Assert.Single(await server.Log.QueryAsync(new AuditQuery(Object: runId, Action: "run.delete"), Ct)).Record;
        Assert.Equal("dana", entry.Actor.Name);
        Assert.Equal("data-science", entry.Actor.Team);
        Assert.Equal("token", entry.Actor.Authentication);
        Assert.Equal("http 127.0.0.1", entry.Origin);
        Assert.Equal("run", entry.ObjectKind);
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
        Assert.Equal(200, entry.Status);
        Assert.Equal("POST /api/2.0/mlflow/runs/delete", entry.Route);
    }

    [Fact]
    public async Task Mutation_WithoutPrincipal_RecordedAsTheLocalUser()
    {
        var name = "exp-" + Guid.NewGuid().ToString("N");

        var (status, _) = await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/experiments/create", $$"""{"name": "{{name}}"}""");

        Assert.Equal(200, status);
        var entry = Assert.Single(await server.Log.QueryAsync(new AuditQuery(Object: name, Action: "experiment.create"), Ct)).Record;
        Assert.Equal(Environment.UserName, entry.Actor.Name);
        Assert.Null(entry.Actor.Team);
        Assert.Equal("local", entry.Actor.Authentication);
    }

    [Fact]
    public async Task Mutation_RefusedBeforeAnyHandler_RecordedAsRefusedWithItsStatus()
    {
        var before = await server.LastIdAsync();

        var (status, _) = await server.SendAsync(HttpMethod.Post, "/api/v1/deployments/41/rollback", """{"x": 1}""", contentType: "text/plain");

        Assert.Equal(415, status);
        var entry = Assert.Single(await server.Log.QueryAsync(new AuditQuery(Object: "deployment:41"), Ct));
        Assert.True(entry.Id > before);
        Assert.Equal("deployment.rollback", entry.Record.Action);
        Assert.Equal(AuditOutcome.Refused, entry.Record.Outcome);
        Assert.Equal(415, entry.Record.Status);
    }

    [Fact]
    public async Task ReadsAndScoring_IncludingPostSearchAndInfer_AddNoEntry()
    {
        await NewRunAsync();
        var before = await server.LastIdAsync();

        await server.SendAsync(HttpMethod.Get, "/api/2.0/mlflow/experiments/search?max_results=5", null);
        await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/runs/search", """{"experiment_ids": ["0"]}""");
        await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/registered-models/get-latest-versions", """{"name": "churn"}""");
        await server.SendAsync(HttpMethod.Post, "/v2/models/churn/infer", """{"inputs": []}""");
        await server.SendAsync(HttpMethod.Post, "/v2/models/churn/versions/1/infer", """{"inputs": []}""");
        await server.SendAsync(HttpMethod.Post, "/invocations", """{"instances": [{"age": 1}]}""");
        await server.SendAsync(HttpMethod.Post, "/api/v1/predict/churn", """{"rows": [{"customer_id": "C1"}]}""");
        await server.SendAsync(HttpMethod.Get, "/api/v1/audit", null);
        await server.SendAsync(HttpMethod.Get, "/api/v1/handoffs", null);

        Assert.Equal(before, await server.LastIdAsync());
    }

    [Fact]
    public async Task RegisteredModelDelete_RecordedOnceByTheUseCaseWithBeforeState()
    {
        var name = "m-" + Guid.NewGuid().ToString("N")[..8];
        await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/registered-models/create", $$"""{"name": "{{name}}"}""");
        var before = await server.LastIdAsync();

        var (status, _) = await server.SendAsync(HttpMethod.Delete, "/api/2.0/mlflow/registered-models/delete", $$"""{"name": "{{name}}"}""", actor: "omar|mlops-team");

        Assert.Equal(200, status);
        Assert.Equal(before + 1, await server.LastIdAsync());
        var entry = Assert.Single(await server.Log.QueryAsync(new AuditQuery(Object: name, Action: "registered_model.delete"), Ct)).Record;
        Assert.Equal("omar", entry.Actor.Name);
        Assert.Equal("http 127.0.0.1", entry.Origin);
        Assert.Equal("DELETE /api/2.0/mlflow/registered-models/delete", entry.Route);
        Assert.Equal("""{"aliases":{}}""", entry.Before);
        Assert.Null(entry.After);
        var created = Assert.Single(await server.Log.QueryAsync(new AuditQuery(Object: name, Action: "registered_model.create"), Ct)).Record;
        Assert.Equal(200, created.Status);
    }

    [Fact]
    public async Task RegistryRefusal_ByTheUseCase_RecordedAsRefusedWithTheReason()
    {
        var (status, _) = await server.SendAsync(HttpMethod.Delete, "/api/2.0/mlflow/registered-models/delete", """{"name": "no-such-model"}""");

        Assert.Equal(404, status);
        var entry = Assert.Single(await server.Log.QueryAsync(new AuditQuery(Object: "no-such-model"), Ct)).Record;
        Assert.Equal("registered_model.delete", entry.Action);
        Assert.Equal(AuditOutcome.Refused, entry.Outcome);
        Assert.Contains("not found", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArtifactPut_ThroughTheProxy_RecordedAsArtifactPutWithItsPath()
    {
        var (experimentId, runId) = await NewExperimentRunAsync();
        var path = $"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/notes.txt";

        var (status, _) = await server.SendAsync(HttpMethod.Put, path, "hello", contentType: "text/plain");

        Assert.InRange(status, 200, 299);
        var entry = Assert.Single(await server.Log.QueryAsync(new AuditQuery(Action: "artifact.put", Object: $"{experimentId}/{runId}/artifacts/notes.txt"), Ct)).Record;
        Assert.Equal("artifact", entry.ObjectKind);
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
    }

    [Fact]
    public async Task GetAudit_FiltersByActorAndObject_AndRefusesABadSince()
    {
        var runId = await NewRunAsync();
        await server.SendAsync(HttpMethod.Post, "/api/2.0/mlflow/runs/set-tag", $$"""{"run_id": "{{runId}}", "key": "k", "value": "v"}""", actor: "eve|mlops-team");

        var (status, body) = await server.SendAsync(HttpMethod.Get, $"/api/v1/audit?actor=eve&object={runId}&since=1h", null);
        var (badStatus, problem) = await server.SendAsync(HttpMethod.Get, "/api/v1/audit?since=yesterday-ish", null);

        Assert.Equal(200, status);
        var entry = Assert.Single(body.EnumerateArray().ToList());
        Assert.Equal("run.set_tag", entry.GetProperty("action").GetString());
        Assert.Equal("eve", entry.GetProperty("actor").GetString());
        Assert.Equal("mlops-team", entry.GetProperty("team").GetString());
        Assert.Equal(64, entry.GetProperty("hash").GetString()!.Length);
        Assert.Equal(400, badStatus);
        Assert.Contains("since", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterManyRequests_ChainVerifies()
    {
        await NewRunAsync();

        var result = await AuditChain.VerifyAsync(server.Log.ReadChainAsync(Ct), await server.Log.HeadAsync(Ct), Ct);

        Assert.True(result.Intact, result.Problem);
        Assert.True(result.Entries >= 2);
    }

    [Fact]
    public async Task GetHandoffs_FreshProject_ListsTheContractsAsJson()
    {
        var (status, body) = await server.SendAsync(HttpMethod.Get, "/api/v1/handoffs?team=data-engineering", null);

        Assert.Equal(200, status);
        var contracts = body.EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "contract").ToList();
        Assert.Equal(new[] { "customers 1.0.0", "events 1.0.0", "labels 1.0.0" }, contracts.Select(c => c.GetProperty("subject").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(contracts, c => Assert.Equal("data-engineering", c.GetProperty("producer").GetString()));
        Assert.All(contracts, c => Assert.Equal(JsonValueKind.Array, c.GetProperty("signOffs").ValueKind));
    }
}
