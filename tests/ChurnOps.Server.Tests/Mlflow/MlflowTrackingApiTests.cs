using System.Text.Json;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>Request bodies are written as the MLflow Python client sends them (protobuf JSON: snake_case, NaN as a string).</summary>
public sealed class MlflowTrackingApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Fact]
    public async Task SetExperimentFlow_GetByNameMissingThenCreate_ReturnsNotFoundThenId()
    {
        var (status, body) = await server.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn-flow");
        Assert.Equal(404, status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("error_code").GetString());

        var (createStatus, created) = await server.PostAsync("/api/2.0/mlflow/experiments/create", """{"name": "churn-flow", "tags": [{"key": "team", "value": "ds"}]}""");
        Assert.Equal(200, createStatus);
        var id = created.GetProperty("experiment_id").GetString();

        var (_, got) = await server.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn-flow");
        var experiment = got.GetProperty("experiment");
        Assert.Equal(id, experiment.GetProperty("experiment_id").GetString());
        Assert.Equal("active", experiment.GetProperty("lifecycle_stage").GetString());
        Assert.Equal($"mlflow-artifacts:/{id}", experiment.GetProperty("artifact_location").GetString());
        Assert.Equal("ds", experiment.GetProperty("tags")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task CreateExperiment_DuplicateName_Returns400ResourceAlreadyExists()
    {
        await server.PostAsync("/api/2.0/mlflow/experiments/create", """{"name": "dup"}""");

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/experiments/create", """{"name": "dup"}""");

        Assert.Equal(400, status);
        Assert.Equal("RESOURCE_ALREADY_EXISTS", body.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task LogBatch_AsMlflowClientSendsIt_RunReadsBackWithNaNAndClampedInfinity()
    {
        var (_, runId) = await server.NewRunAsync();
        var batch = $$"""
            {"run_id": "{{runId}}",
             "metrics": [{"key": "auc", "value": 0.83, "timestamp": 1700000000123, "step": 2},
                         {"key": "loss", "value": "NaN", "timestamp": 1700000000123, "step": 0},
                         {"key": "gain", "value": "Infinity", "timestamp": "1700000000123", "step": "0"}],
             "params": [{"key": "num_leaves", "value": "31"}],
             "tags": [{"key": "candidate", "value": "lightgbm"}]}
            """;

        var (status, _) = await server.PostAsync("/api/2.0/mlflow/runs/log-batch", batch);
        Assert.Equal(200, status);

        var (_, body) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_id={runId}");
        var run = body.GetProperty("run");
        Assert.Equal(runId, run.GetProperty("info").GetProperty("run_uuid").GetString());
        Assert.Equal("RUNNING", run.GetProperty("info").GetProperty("status").GetString());
        Assert.Equal("r1", run.GetProperty("info").GetProperty("run_name").GetString());
        Assert.Equal(1700000000000, run.GetProperty("info").GetProperty("start_time").GetInt64());
        var metrics = run.GetProperty("data").GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
        Assert.Equal(0.83, metrics["auc"].GetProperty("value").GetDouble());
        Assert.Equal(2, metrics["auc"].GetProperty("step").GetInt64());
        Assert.Equal(1700000000123, metrics["auc"].GetProperty("timestamp").GetInt64());
        Assert.Equal("NaN", metrics["loss"].GetProperty("value").GetString());
        Assert.Equal(double.MaxValue, metrics["gain"].GetProperty("value").GetDouble());
        Assert.Equal("31", run.GetProperty("data").GetProperty("params")[0].GetProperty("value").GetString());
        Assert.Contains(run.GetProperty("data").GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "candidate");
    }

    [Fact]
    public async Task LogParameter_DifferentValueForSameKey_Returns400InvalidParameterValue()
    {
        var (_, runId) = await server.NewRunAsync();
        var (first, _) = await server.PostAsync("/api/2.0/mlflow/runs/log-parameter", $$"""{"run_id": "{{runId}}", "key": "lr", "value": "0.1"}""");
        var (same, _) = await server.PostAsync("/api/2.0/mlflow/runs/log-parameter", $$"""{"run_id": "{{runId}}", "key": "lr", "value": "0.1"}""");

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/log-parameter", $$"""{"run_id": "{{runId}}", "key": "lr", "value": "0.2"}""");

        Assert.Equal(200, first);
        Assert.Equal(200, same);
        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        Assert.Contains("lr", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRun_UnknownRun_Returns404ResourceDoesNotExist()
    {
        var (status, body) = await server.GetAsync("/api/2.0/mlflow/runs/get?run_id=0123456789abcdef0123456789abcdef");

        Assert.Equal(404, status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task LogMetric_UnknownRun_Returns404()
    {
        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/log-metric", """{"run_id": "ffffffffffffffffffffffffffffffff", "key": "auc", "value": 0.5, "timestamp": 1, "step": 0}""");

        Assert.Equal(404, status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task LogBatch_1001Metrics_Returns400AndStoresNothing()
    {
        var (_, runId) = await server.NewRunAsync();
        var metrics = string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"key": "m{{i}}", "value": {{i}}, "timestamp": 1, "step": 0}"""));

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/log-batch", $$"""{"run_id": "{{runId}}", "metrics": [{{metrics}}]}""");

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        var (_, run) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_id={runId}");
        Assert.Equal(0, run.GetProperty("run").GetProperty("data").GetProperty("metrics").GetArrayLength());
    }

    [Fact]
    public async Task LogBatch_MalformedJsonOrWrongTypes_Returns400()
    {
        var (_, runId) = await server.NewRunAsync();

        var (malformed, body1) = await server.PostAsync("/api/2.0/mlflow/runs/log-batch", "{\"run_id\": ");
        var (wrongType, body2) = await server.PostAsync("/api/2.0/mlflow/runs/log-batch", $$"""{"run_id": "{{runId}}", "metrics": [{"key": "a", "value": "high", "timestamp": 1}]}""");

        Assert.Equal(400, malformed);
        Assert.Equal("INVALID_PARAMETER_VALUE", body1.GetProperty("error_code").GetString());
        Assert.Equal(400, wrongType);
        Assert.Contains("'value'", body2.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateRun_Finished_ReturnsRunInfoWithEndTime()
    {
        var (_, runId) = await server.NewRunAsync();

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/update", $$"""{"run_id": "{{runId}}", "run_uuid": "{{runId}}", "status": "FINISHED", "end_time": 1700000009999}""");

        Assert.Equal(200, status);
        Assert.Equal("FINISHED", body.GetProperty("run_info").GetProperty("status").GetString());
        Assert.Equal(1700000009999, body.GetProperty("run_info").GetProperty("end_time").GetInt64());
    }

    [Fact]
    public async Task UpdateRun_UnknownStatus_Returns400()
    {
        var (_, runId) = await server.NewRunAsync();

        var (status, _) = await server.PostAsync("/api/2.0/mlflow/runs/update", $$"""{"run_id": "{{runId}}", "status": "DONE"}""");

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task SetTagThenDeleteTag_TagGoneAndSecondDeleteIs404()
    {
        var (_, runId) = await server.NewRunAsync();
        await server.PostAsync("/api/2.0/mlflow/runs/set-tag", $$"""{"run_id": "{{runId}}", "key": "note", "value": "x"}""");

        var (deleted, _) = await server.PostAsync("/api/2.0/mlflow/runs/delete-tag", $$"""{"run_id": "{{runId}}", "key": "note"}""");
        var (again, _) = await server.PostAsync("/api/2.0/mlflow/runs/delete-tag", $$"""{"run_id": "{{runId}}", "key": "note"}""");

        Assert.Equal(200, deleted);
        Assert.Equal(404, again);
        var (_, run) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_id={runId}");
        Assert.DoesNotContain(run.GetProperty("run").GetProperty("data").GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "note");
    }

    [Fact]
    public async Task LogInputs_DatasetAsMlflowSendsIt_AppearsInRunInputs()
    {
        var (_, runId) = await server.NewRunAsync();
        var body = $$$"""
            {"run_id": "{{{runId}}}", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "training"}],
              "dataset": {"name": "customers", "digest": "8d3f0a1c", "source_type": "local", "source": "{\"uri\": \"data/customers.csv\"}", "schema": "{}"}}]}
            """;

        var (status, _) = await server.PostAsync("/api/2.0/mlflow/runs/log-inputs", body);

        Assert.Equal(200, status);
        var (_, run) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_id={runId}");
        var input = run.GetProperty("run").GetProperty("inputs").GetProperty("dataset_inputs")[0];
        Assert.Equal("customers", input.GetProperty("dataset").GetProperty("name").GetString());
        Assert.Equal("8d3f0a1c", input.GetProperty("dataset").GetProperty("digest").GetString());
        Assert.Equal("training", input.GetProperty("tags")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task GetMetricHistory_ThreeSteps_ReturnsAllInStepOrderAndPages()
    {
        var (_, runId) = await server.NewRunAsync();
        foreach (var (step, value) in new[] { (0, 0.9), (1, 0.6), (2, 0.4) })
        {
            await server.PostAsync("/api/2.0/mlflow/runs/log-metric", $$"""{"run_id": "{{runId}}", "key": "loss", "value": {{value}}, "timestamp": 170000000{{step}}, "step": {{step}}}""");
        }

        var (_, all) = await server.GetAsync($"/api/2.0/mlflow/metrics/get-history?run_id={runId}&metric_key=loss");
        var (_, page) = await server.GetAsync($"/api/2.0/mlflow/metrics/get-history?run_uuid={runId}&metric_key=loss&max_results=2");

        Assert.Equal([0.9, 0.6, 0.4], all.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("value").GetDouble()));
        Assert.Equal(2, page.GetProperty("metrics").GetArrayLength());
        Assert.True(page.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task AjaxApiPrefix_ServesTheSameEndpoints()
    {
        var (status, body) = await server.GetAsync("/ajax-api/2.0/mlflow/experiments/get?experiment_id=0");

        Assert.Equal(200, status);
        Assert.Equal("Default", body.GetProperty("experiment").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ExperimentLifecycle_UpdateTagDeleteRestore_AsMlflowClientCallsThem()
    {
        var (experimentId, runId) = await server.NewRunAsync();

        Assert.Equal(200, (await server.PostAsync("/api/2.0/mlflow/experiments/update", $$"""{"experiment_id": "{{experimentId}}", "new_name": "renamed-{{experimentId}}"}""")).Status);
        Assert.Equal(200, (await server.PostAsync("/api/2.0/mlflow/experiments/set-experiment-tag", $$"""{"experiment_id": "{{experimentId}}", "key": "owner", "value": "ds"}""")).Status);
        Assert.Equal(200, (await server.PostAsync("/api/2.0/mlflow/experiments/delete", $$"""{"experiment_id": "{{experimentId}}"}""")).Status);
        var (_, deletedRun) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_id={runId}");
        Assert.Equal("deleted", deletedRun.GetProperty("run").GetProperty("info").GetProperty("lifecycle_stage").GetString());
        var (_, deletedOnly) = await server.PostAsync("/api/2.0/mlflow/experiments/search", """{"max_results": 1000, "view_type": "DELETED_ONLY"}""");
        Assert.Contains(deletedOnly.GetProperty("experiments").EnumerateArray(), e => e.GetProperty("experiment_id").GetString() == experimentId);

        Assert.Equal(200, (await server.PostAsync("/api/2.0/mlflow/experiments/restore", $$"""{"experiment_id": "{{experimentId}}"}""")).Status);
        var (_, got) = await server.GetAsync($"/api/2.0/mlflow/experiments/get?experiment_id={experimentId}");
        Assert.Equal($"renamed-{experimentId}", got.GetProperty("experiment").GetProperty("name").GetString());
        Assert.Equal("active", got.GetProperty("experiment").GetProperty("lifecycle_stage").GetString());
        Assert.Equal("owner", got.GetProperty("experiment").GetProperty("tags")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task SearchExperiments_FilterByNameLike_ReturnsOnlyMatches()
    {
        await server.PostAsync("/api/2.0/mlflow/experiments/create", """{"name": "search-me-1"}""");
        await server.PostAsync("/api/2.0/mlflow/experiments/create", """{"name": "other-2"}""");

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/experiments/search", """{"max_results": 100, "filter": "name LIKE 'search-me%'", "order_by": ["name ASC"]}""");

        Assert.Equal(200, status);
        Assert.Equal(["search-me-1"], body.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task DeleteRunThenRestore_RunLeavesAndRejoinsActiveSearch()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var search = $$"""{"experiment_ids": ["{{experimentId}}"], "run_view_type": "ACTIVE_ONLY"}""";

        await server.PostAsync("/api/2.0/mlflow/runs/delete", $$"""{"run_id": "{{runId}}"}""");
        var (_, afterDelete) = await server.PostAsync("/api/2.0/mlflow/runs/search", search);
        await server.PostAsync("/api/2.0/mlflow/runs/restore", $$"""{"run_id": "{{runId}}"}""");
        var (_, afterRestore) = await server.PostAsync("/api/2.0/mlflow/runs/search", search);

        Assert.Equal(0, afterDelete.GetProperty("runs").GetArrayLength());
        Assert.Equal(1, afterRestore.GetProperty("runs").GetArrayLength());
    }

    internal static JsonElement Run(JsonElement body) => body.GetProperty("run");
}
