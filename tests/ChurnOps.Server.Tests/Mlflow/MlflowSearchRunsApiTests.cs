namespace ChurnOps.Server.Tests.Mlflow;

public sealed class MlflowSearchRunsApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Fact]
    public async Task SearchRuns_FilterOrderAndPageToken_ReturnsMatchingRunsAcrossPages()
    {
        var (_, created) = await server.PostAsync("/api/2.0/mlflow/experiments/create", """{"name": "search-runs"}""");
        var experimentId = created.GetProperty("experiment_id").GetString();
        for (var i = 0; i < 5; i++)
        {
            var (_, run) = await server.PostAsync("/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}", "run_name": "cand{{i}}", "start_time": {{1700000000000 + i}}}""");
            var runId = run.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString();
            await server.PostAsync("/api/2.0/mlflow/runs/log-batch", $$"""
                {"run_id": "{{runId}}", "metrics": [{"key": "auc", "value": 0.{{70 + i}}, "timestamp": 1, "step": 0}],
                 "params": [{"key": "trainer", "value": "{{(i < 4 ? "LightGbm" : "FastTree")}}"}]}
                """);
        }

        var request = $$"""{"experiment_ids": ["{{experimentId}}"], "filter": "metrics.auc > 0.7 and params.trainer = 'LightGbm'", "run_view_type": "ACTIVE_ONLY", "max_results": 2, "order_by": ["metrics.auc DESC"]}""";
        var (status, first) = await server.PostAsync("/api/2.0/mlflow/runs/search", request);
        var token = first.GetProperty("next_page_token").GetString();
        var (_, second) = await server.PostAsync("/api/2.0/mlflow/runs/search", request[..^1] + $$""", "page_token": "{{token}}"}""");

        Assert.Equal(200, status);
        Assert.Equal(["cand3", "cand2"], first.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_name").GetString()));
        Assert.Equal(["cand1"], second.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_name").GetString()));
        Assert.False(second.TryGetProperty("next_page_token", out _));
    }

    [Theory]
    [InlineData("metrics.auc > 0.5; DROP TABLE tracking_runs")]
    [InlineData("params.trainer = 'x' OR 1=1")]
    [InlineData("params.trainer = 'x' -- comment")]
    [InlineData("1 = 1")]
    [InlineData("params.trainer = (SELECT value FROM tracking_params)")]
    [InlineData("metrics.auc > '0.5'")]
    [InlineData("attributes.password = 'x'")]
    [InlineData("params.trainer = 'unterminated")]
    public async Task SearchRuns_FilterWithSqlOrBadGrammar_Returns400AndStoreIsIntact(string filter)
    {
        var (experimentId, _) = await server.NewRunAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["experiment_ids"] = new[] { experimentId }, ["filter"] = filter });

        var (status, error) = await server.PostAsync("/api/2.0/mlflow/runs/search", body);

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        var (after, runs) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"]}""");
        Assert.Equal(200, after);
        Assert.Equal(1, runs.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task SearchRuns_ValueContainingSqlInsideQuotes_IsTreatedAsPlainText()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        await server.PostAsync("/api/2.0/mlflow/runs/set-tag", $$"""{"run_id": "{{runId}}", "key": "note", "value": "x' OR '1'='1"}""");

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"], "filter": "tags.note = 'x'' OR ''1''=''1'"}""");

        Assert.Equal(200, status);
        Assert.Equal(runId, body.GetProperty("runs")[0].GetProperty("info").GetProperty("run_id").GetString());
    }

    [Fact]
    public async Task SearchRuns_RunWithNaNMetric_SerializesNaNAsMlflowDoes()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        await server.PostAsync("/api/2.0/mlflow/runs/log-metric", $$"""{"run_id": "{{runId}}", "key": "loss", "value": "NaN", "timestamp": 5, "step": 1}""");

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"]}""");

        Assert.Equal(200, status);
        var run = body.GetProperty("runs")[0];
        Assert.Equal("NaN", run.GetProperty("data").GetProperty("metrics")[0].GetProperty("value").GetString());
        Assert.Equal(runId, run.GetProperty("info").GetProperty("run_uuid").GetString());
        Assert.Equal("r1", run.GetProperty("info").GetProperty("run_name").GetString());
    }

    [Fact]
    public async Task SearchRuns_BadPageTokenOrMaxResults_Returns400()
    {
        var (experimentId, _) = await server.NewRunAsync();

        var (badToken, _) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"], "page_token": "not-a-token"}""");
        var (badMax, _) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"], "max_results": 50001}""");

        Assert.Equal(400, badToken);
        Assert.Equal(400, badMax);
    }
}
