using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>MLflow 3's logged-models calls, with the bodies mlflow.log_model / mlflow.search_logged_models send.</summary>
public sealed class MlflowLoggedModelApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Fact]
    public async Task LoggedModel_CreateFinalizeGetSearch_AsMlflow3ClientCallsThem()
    {
        var (experimentId, runId) = await server.NewRunAsync();

        var (createStatus, created) = await server.PostAsync("/api/2.0/mlflow/logged-models", $$"""
            {"experiment_id": "{{experimentId}}", "name": "churn-lgbm", "model_type": "Classifier", "source_run_id": "{{runId}}",
             "params": [{"key": "num_leaves", "value": "31"}], "tags": [{"key": "mlflow.source.name", "value": "train.py"}]}
            """);
        var info = created.GetProperty("model").GetProperty("info");
        var modelId = info.GetProperty("model_id").GetString()!;
        var (finalizeStatus, finalized) = await PatchAsync($"/api/2.0/mlflow/logged-models/{modelId}", $$"""{"model_id": "{{modelId}}", "status": "LOGGED_MODEL_READY"}""");
        var (getStatus, got) = await server.GetAsync($"/ajax-api/2.0/mlflow/logged-models/{modelId}");
        await server.PostAsync("/api/2.0/mlflow/logged-models", $$"""{"experiment_id": "{{experimentId}}"}""");
        var (searchStatus, first) = await server.PostAsync("/api/2.0/mlflow/logged-models/search", $$"""{"experiment_ids": ["{{experimentId}}"], "max_results": 1}""");
        var token = first.GetProperty("next_page_token").GetString();
        var (_, second) = await server.PostAsync("/api/2.0/mlflow/logged-models/search", $$"""{"experiment_ids": ["{{experimentId}}"], "max_results": 1, "page_token": "{{token}}"}""");

        Assert.Equal(200, createStatus);
        Assert.StartsWith("m-", modelId, StringComparison.Ordinal);
        Assert.Equal("LOGGED_MODEL_PENDING", info.GetProperty("status").GetString());
        Assert.Equal(experimentId, info.GetProperty("experiment_id").GetString());
        Assert.Equal(runId, info.GetProperty("source_run_id").GetString());
        Assert.Equal($"mlflow-artifacts:/{experimentId}/models/{modelId}/artifacts", info.GetProperty("artifact_uri").GetString());
        Assert.Equal("train.py", info.GetProperty("tags")[0].GetProperty("value").GetString());
        Assert.Equal("31", created.GetProperty("model").GetProperty("data").GetProperty("params")[0].GetProperty("value").GetString());
        Assert.Equal(200, finalizeStatus);
        Assert.Equal("LOGGED_MODEL_READY", finalized.GetProperty("model").GetProperty("info").GetProperty("status").GetString());
        Assert.Equal(200, getStatus);
        Assert.Equal("churn-lgbm", got.GetProperty("model").GetProperty("info").GetProperty("name").GetString());
        Assert.Equal("LOGGED_MODEL_READY", got.GetProperty("model").GetProperty("info").GetProperty("status").GetString());
        Assert.Equal(200, searchStatus);
        var ids = first.GetProperty("models").EnumerateArray().Concat(second.GetProperty("models").EnumerateArray()).Select(m => m.GetProperty("info").GetProperty("model_id").GetString()).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Contains(modelId, ids);
        Assert.False(second.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task LoggedModel_UnknownModelOrExperiment_Returns404()
    {
        var (getStatus, got) = await server.GetAsync("/api/2.0/mlflow/logged-models/m-0123456789abcdef");
        var (finalizeStatus, _) = await PatchAsync("/api/2.0/mlflow/logged-models/m-nope", """{"model_id": "m-nope", "status": "LOGGED_MODEL_READY"}""");
        var (createStatus, created) = await server.PostAsync("/api/2.0/mlflow/logged-models", """{"experiment_id": "987654"}""");

        Assert.Equal(404, getStatus);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", got.GetProperty("error_code").GetString());
        Assert.Contains("m-0123456789abcdef", got.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, finalizeStatus);
        Assert.Equal(404, createStatus);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", created.GetProperty("error_code").GetString());
    }

    [Theory]
    [InlineData("/api/2.0/mlflow/logged-models", """{"name": "no-experiment"}""", "experiment_id")]
    [InlineData("/api/2.0/mlflow/logged-models", """{"experiment_id": "0", "params": [{"key": "../x", "value": "1"}]}""", "param")]
    [InlineData("/api/2.0/mlflow/logged-models/search", """{"max_results": 10}""", "experiment_ids")]
    [InlineData("/api/2.0/mlflow/logged-models/search", """{"experiment_ids": ["0"], "filter": "metrics.auc > 0.8"}""", "not supported")]
    [InlineData("/api/2.0/mlflow/logged-models/search", """{"experiment_ids": ["0"], "page_token": "garbage"}""", "page token")]
    public async Task LoggedModel_BadRequest_Returns400(string path, string body, string reason)
    {
        var (status, error) = await server.PostAsync(path, body);

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoggedModel_FinalizeWithPendingStatus_Returns400()
    {
        var (experimentId, _) = await server.NewRunAsync();
        var (_, created) = await server.PostAsync("/api/2.0/mlflow/logged-models", $$"""{"experiment_id": "{{experimentId}}"}""");
        var modelId = created.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString();

        var (status, error) = await PatchAsync($"/api/2.0/mlflow/logged-models/{modelId}", $$"""{"model_id": "{{modelId}}", "status": "LOGGED_MODEL_PENDING"}""");

        Assert.Equal(400, status);
        Assert.Contains("LOGGED_MODEL_READY", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<(int Status, JsonElement Body)> PatchAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
