using System.Text.Json;

namespace ChurnOps.Server.Tests.Dashboard;

/// <summary>
/// The JSON twins of the Models, Deployments, Monitoring, Alerts and Pipelines pages on a real server over the
/// quickstart project (<see cref="OperationsDemo"/>): what they show, the registry's approval rules through the API,
/// a rollback, an ack, and friendly 404/400s. Tests that change state each own their object (v2, the canary, one alert).
/// </summary>
public sealed class OperationsApiTests(OperationsServerFixture server) : IClassFixture<OperationsServerFixture>
{
    [Fact]
    public async Task ModelsApi_Registry_ListsChurnWithItsServingAndNewestVersion()
    {
        var (status, body) = await server.GetJsonAsync("/api/v1/models");

        Assert.Equal(200, status);
        Assert.Equal("mlops-team", body.GetProperty("approval").GetProperty("accountableTeam").GetString());
        Assert.True(body.GetProperty("approval").GetProperty("fourEyes").GetBoolean());
        var churn = Assert.Single(body.GetProperty("models").EnumerateArray());
        Assert.Equal("churn", churn.GetProperty("name").GetString());
        Assert.Equal(3, churn.GetProperty("versions").GetInt32());
        Assert.Equal(3, churn.GetProperty("latestVersion").GetInt32());
        Assert.Equal(1, churn.GetProperty("servingVersion").GetInt32());
    }

    [Fact]
    public async Task ModelsApi_Model_ListsVersionsNewestFirstWithStatusAndAliases()
    {
        var (status, body) = await server.GetJsonAsync("/api/v1/models/churn");

        Assert.Equal(200, status);
        var versions = body.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([3, 2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("approved", versions[2].GetProperty("status").GetString());
        Assert.Equal(["champion"], versions[2].GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("approved", versions[0].GetProperty("status").GetString());
        Assert.Equal(OperationsDemo.Trainer, versions[1].GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task ModelsApi_Version_CarriesCardLineageAndDecisions()
    {
        var (status, body) = await server.GetJsonAsync($"/api/v1/models/churn/versions/{server.Data.CanaryVersion}");

        Assert.Equal(200, status);
        Assert.Equal("approved", body.GetProperty("version").GetProperty("status").GetString());
        var decision = Assert.Single(body.GetProperty("approvals").EnumerateArray());
        Assert.Equal(OperationsDemo.Approver, decision.GetProperty("actor").GetString());
        Assert.Equal("mlops-team", decision.GetProperty("team").GetString());
        Assert.Equal("churn", body.GetProperty("card").GetProperty("modelDetails").GetProperty("name").GetString());
        var steps = body.GetProperty("lineage").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.Equal("contract", steps[0]);
        Assert.Contains("feature view", steps);
        Assert.Contains("run", steps);
        Assert.Equal("deployments", steps[^1]);
        var deployments = body.GetProperty("lineage").GetProperty("steps").EnumerateArray().Last();
        Assert.True(deployments.GetProperty("recorded").GetBoolean());
        Assert.True(deployments.GetProperty("facts").TryGetProperty(server.Deployment.ToString(System.Globalization.CultureInfo.InvariantCulture), out _));
    }

    [Theory]
    [InlineData("/api/v1/models/nope", 404, "no registered model 'nope'")]
    [InlineData("/api/v1/models/churn/versions/99", 404, "model 'churn' has no version 99")]
    [InlineData("/api/v1/models/nope/versions/1", 404, "no registered model 'nope'")]
    [InlineData("/api/v1/models/churn/versions/two", 400, "is not a version number")]
    [InlineData("/api/v1/deployments/99999", 404, "no deployment 99999")]
    [InlineData("/api/v1/pipelines/nope", 404, "no pipeline 'nope'")]
    [InlineData("/api/v1/pipelines/runs/99999", 404, "no pipeline run 99999")]
    [InlineData("/api/v1/alerts/99999", 404, "no alert 99999")]
    [InlineData("/api/v1/alerts?status=sleeping", 400, "is not a filter")]
    [InlineData("/api/v1/monitoring/nope", 404, "no registered model 'nope'")]
    [InlineData("/api/v1/monitoring/churn?window=fortnight", 400, "is not a duration")]
    [InlineData("/api/v1/monitoring/churn?windows=500", 400, "windows: 500 is out of range")]
    public async Task Api_MissingOrBadInput_IsAProblemWithTheRightStatusAndNoStackTrace(string path, int expected, string detail)
    {
        var (status, text, type) = await server.GetAsync(path);

        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains(detail, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveApi_WrongTeamThenTrainerThenAccountableMember_FollowsTheRegistryRules()
    {
        var path = $"/api/v1/models/churn/versions/{server.Data.PendingVersion}/approve";

        var (wrongTeam, wrongTeamBody) = await server.PostJsonAsync(path, """{"actor": "bob", "team": "data-science"}""");
        var (trainer, trainerBody) = await server.PostJsonAsync(path, $$"""{"actor": "{{OperationsDemo.Trainer}}", "team": "mlops-team"}""");
        var (approved, approvedBody) = await server.PostJsonAsync(path, """{"actor": "carol", "team": "mlops-team", "note": "gates pass, card reviewed"}""");
        var (again, againBody) = await server.PostJsonAsync(path, """{"actor": "carol", "team": "mlops-team"}""");

        Assert.Equal(403, wrongTeam);
        Assert.Contains("accountable team 'mlops-team'", wrongTeamBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(403, trainer);
        Assert.Contains("four-eyes", trainerBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, approved);
        Assert.Equal("approved", approvedBody.GetProperty("version").GetProperty("status").GetString());
        var decision = Assert.Single(approvedBody.GetProperty("approvals").EnumerateArray());
        Assert.Equal(("carol", "gates pass, card reviewed"), (decision.GetProperty("actor").GetString(), decision.GetProperty("note").GetString()));
        Assert.Equal(400, again);
        Assert.Contains("already approved", againBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reject", """{"actor": "carol", "team": "mlops-team"}""", 400, "needs a note")]
    [InlineData("approve", """{"actor": "carol"}""", 403, "acts for no team")]
    [InlineData("approve", """{"actor": 7}""", 400, "actor: expected a string")]
    [InlineData("approve", """{"as": "carol"}""", 400, "as: unknown field")]
    [InlineData("approve", """[1, 2]""", 400, "must be a JSON object")]
    [InlineData("approve", """{"actor": """, 400, "malformed JSON")]
    [InlineData("sign", """{}""", 404, "unknown decision 'sign'")]
    public async Task DecisionApi_BadRequest_IsRefusedWithAReason(string decision, string body, int expected, string detail)
    {
        var (status, problem) = await server.PostJsonAsync($"/api/v1/models/churn/versions/{server.Data.PendingVersion}/{decision}", body);

        Assert.Equal(expected, status);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeploymentsApi_RollbackOfTheCanary_LeavesTheAliasAndRefusesASecondRollback()
    {
        var (before, shown) = await server.GetJsonAsync($"/api/v1/deployments/{server.Deployment}");
        var (rolled, rolledBody) = await server.PostJsonAsync($"/api/v1/deployments/{server.Deployment}/rollback", "{}");
        var (again, _) = await server.PostJsonAsync($"/api/v1/deployments/{server.Deployment}/rollback", "{}");
        var (_, models) = await server.GetJsonAsync("/api/v1/models");

        Assert.Equal(200, before);
        Assert.Equal(server.Data.CanaryVersion, shown.GetProperty("candidateVersion").GetInt32());
        Assert.Equal(200, rolled);
        Assert.Equal("rolled-back", rolledBody.GetProperty("status").GetString());
        Assert.Equal(0, rolledBody.GetProperty("candidateWeight").GetInt32());
        Assert.Equal(409, again);
        Assert.Equal(1, models.GetProperty("models")[0].GetProperty("servingVersion").GetInt32());
    }

    [Fact]
    public async Task AlertsApi_Active_GroupsAlertsByOwningTeam()
    {
        var (status, body) = await server.GetJsonAsync("/api/v1/alerts");

        Assert.Equal(200, status);
        Assert.Equal("active", body.GetProperty("status").GetString());
        var teams = body.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal(["data-engineering", "mlops-team"], teams.Select(t => t.GetProperty("team").GetString()).Order(StringComparer.Ordinal));
        Assert.All(teams, t => Assert.All(t.GetProperty("alerts").EnumerateArray(), a => Assert.Equal(t.GetProperty("team").GetString(), a.GetProperty("team").GetString())));
        var (_, mlops) = await server.GetJsonAsync("/api/v1/alerts?team=mlops-team&status=all");
        Assert.Equal("mlops-team", Assert.Single(mlops.GetProperty("teams").EnumerateArray()).GetProperty("team").GetString());
    }

    [Fact]
    public async Task AlertsApi_Ack_MovesToAckedOnceThenConflicts()
    {
        var id = server.Data.SlaAlert;

        var (acked, ackedBody) = await server.PostJsonAsync($"/api/v1/alerts/{id}/ack", """{"by": "dora", "note": "looking"}""");
        var (again, againBody) = await server.PostJsonAsync($"/api/v1/alerts/{id}/ack", """{"by": "dora"}""");
        var (missing, _) = await server.PostJsonAsync("/api/v1/alerts/99999/ack", "{}");
        var (unknown, _) = await server.PostJsonAsync($"/api/v1/alerts/{id}/snooze", "{}");

        Assert.Equal(200, acked);
        Assert.Equal(("acked", "dora", "looking"), (ackedBody.GetProperty("status").GetString(), ackedBody.GetProperty("statusChangedBy").GetString(), ackedBody.GetProperty("statusNote").GetString()));
        Assert.Equal(409, again);
        Assert.Contains("already acked", againBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, missing);
        Assert.Equal(404, unknown);
    }

    [Fact]
    public async Task PipelinesApi_ListPipelineAndRun_ShowTheDagHistoryAndStepLogs()
    {
        var (listed, list) = await server.GetJsonAsync("/api/v1/pipelines");
        var hello = list.GetProperty("pipelines").EnumerateArray().Single(p => p.GetProperty("name").GetString() == OperationsDemo.Pipeline);
        var runId = server.Data.PipelineRun;
        var (shown, pipeline) = await server.GetJsonAsync("/api/v1/pipelines/hello");
        var (ran, run) = await server.GetJsonAsync($"/api/v1/pipelines/runs/{runId}");

        Assert.Equal(200, listed);
        Assert.Contains(list.GetProperty("pipelines").EnumerateArray(), p => p.GetProperty("name").GetString() == "training");
        Assert.Equal(runId, hello.GetProperty("lastRun").GetProperty("id").GetInt64());
        Assert.Equal("succeeded", hello.GetProperty("lastRun").GetProperty("state").GetString());
        Assert.Equal(200, shown);
        Assert.Equal(["greet", "count", "report"], pipeline.GetProperty("definition").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(runId, pipeline.GetProperty("runs")[0].GetProperty("id").GetInt64());
        Assert.Equal(200, ran);
        var attempts = run.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Contains($"hello from run {runId}", attempts.Single(a => a.GetProperty("step").GetString() == "greet").GetProperty("log").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitoringApi_QuickstartScores_DriftPerColumnWithBothHistogramsAndAPointPerWindow()
    {
        var (status, body) = await server.GetJsonAsync("/api/v1/monitoring/churn?window=1d&windows=3");

        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("message").ValueKind);
        var version = Assert.Single(body.GetProperty("versions").EnumerateArray());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(2000, version.GetProperty("predictions").GetInt64());
        var columns = version.GetProperty("drift").GetProperty("columns").EnumerateArray().ToList();
        Assert.Contains(columns, c => c.GetProperty("column").GetString() == "monthly_charges");
        Assert.Contains(columns, c => c.GetProperty("role").GetString() == "prediction");
        Assert.All(columns, c =>
        {
            var histogram = c.GetProperty("histogram");
            Assert.Equal(histogram.GetProperty("referenceCounts").GetArrayLength(), histogram.GetProperty("currentCounts").GetArrayLength());
        });
        var points = version.GetProperty("performance").EnumerateArray().ToList();
        Assert.Equal(3, points.Count);
        Assert.Equal(2000, points[^1].GetProperty("predictions").GetInt64());
        Assert.True(points[^1].GetProperty("estimatedAuc").GetDouble() is > 0.5 and <= 1);
    }
}
