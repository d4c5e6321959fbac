using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>Request validation as mlflow/server/handlers.py does it, over a real port.</summary>
public sealed class MlflowRequestValidationApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Theory]
    [InlineData("/api/2.0/mlflow/experiments/create", """{"name": 123}""", "name")]
    [InlineData("/api/2.0/mlflow/experiments/create", """{"name": true}""", "name")]
    [InlineData("/api/2.0/mlflow/runs/set-tag", """{"run_id": "RUN", "key": 31, "value": "v"}""", "key")]
    [InlineData("/api/2.0/mlflow/runs/log-parameter", """{"run_id": "RUN", "key": "k", "value": 5}""", "value")]
    [InlineData("/api/2.0/mlflow/runs/log-metric", """{"run_id": 31, "key": "m", "value": 1.0, "timestamp": 1, "step": 0}""", "run_id")]
    [InlineData("/api/2.0/mlflow/runs/search", """{"experiment_ids": ["0"], "filter": 7}""", "filter")]
    public async Task Post_NumberWhereAStringBelongs_Returns400NotCoerced(string path, string body, string field)
    {
        var (_, runId) = await server.NewRunAsync();

        var (status, error) = await server.PostAsync(path, body.Replace("RUN", runId, StringComparison.Ordinal));

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains($"'{field}'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (_, run) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_id={runId}");
        Assert.True(!run.GetProperty("run").GetProperty("data").TryGetProperty("params", out var logged) || logged.GetArrayLength() == 0);
    }

    [Fact]
    public async Task CreateExperiment_NameOverMlflowsLimit_Returns400AndNothingIsCreated()
    {
        var name = new string('e', 501);

        var (status, error) = await server.PostAsync("/api/2.0/mlflow/experiments/create", JsonSerializer.Serialize(new { name }));
        var (atLimit, _) = await server.PostAsync("/api/2.0/mlflow/experiments/create", JsonSerializer.Serialize(new { name = name[..500] }));
        var (lookup, _) = await server.GetAsync($"/api/2.0/mlflow/experiments/get-by-name?experiment_name={name}");

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains("500", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, atLimit);
        Assert.Equal(404, lookup);
    }

    [Fact]
    public async Task CreateAndUpdateRun_RunNameOverTheTagValueLimit_Returns400()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var longName = new string('r', 8001);

        var (created, createError) = await server.PostAsync("/api/2.0/mlflow/runs/create", JsonSerializer.Serialize(new { experiment_id = experimentId, run_name = longName }));
        var (updated, _) = await server.PostAsync("/api/2.0/mlflow/runs/update", JsonSerializer.Serialize(new { run_id = runId, run_name = longName }));

        Assert.Equal(400, created);
        Assert.Equal("INVALID_PARAMETER_VALUE", createError.GetProperty("error_code").GetString());
        Assert.Equal(400, updated);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_ContentTypeNotJson_Returns400(string contentType)
    {
        using var content = new StringContent("""{"name": "plain-text"}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await server.Client.PostAsync(new Uri("/api/2.0/mlflow/experiments/create", UriKind.Relative), content);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains("Content-Type", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, (await server.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=plain-text")).Status);
    }

    [Fact]
    public async Task Post_JsonWithCharsetParameter_IsAccepted()
    {
        using var content = new StringContent("""{"name": "charset-json"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        using var response = await server.Client.PostAsync(new Uri("/api/2.0/mlflow/experiments/create", UriKind.Relative), content);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyDoublyStringEncoded_IsAcceptedLikeTheObject()
    {
        var inner = """{"name": "double-encoded"}""";

        var (status, created) = await server.PostAsync("/api/2.0/mlflow/experiments/create", JsonSerializer.Serialize(inner));
        var (_, found) = await server.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=double-encoded");

        Assert.Equal(200, status);
        Assert.Equal(created.GetProperty("experiment_id").GetString(), found.GetProperty("experiment").GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task Post_HugeValueOfTheWrongType_MessageIsShortAndNamesNoDotNetType()
    {
        var (_, runId) = await server.NewRunAsync();
        var huge = "[" + string.Join(",", Enumerable.Range(0, 20000)) + "]";

        var (status, error) = await server.PostAsync("/api/2.0/mlflow/runs/set-tag", $$$"""{"run_id": "{{{runId}}}", "key": {{{huge}}}, "value": {"a": 1}}""");

        Assert.Equal(400, status);
        var message = error.GetProperty("message").GetString()!;
        Assert.True(message.Length < 1000, $"message is {message.Length} characters");
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("ChurnOps.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/2.0/mlflow/runs/log-batch", """{"run_id": ["a"], "metrics": {"key": "m"}, "params": [1, 2], "tags": "x"}""")]
    [InlineData("/api/2.0/mlflow/runs/log-batch", """{"run_id": "RUN", "metrics": [{"key": "m", "value": "high", "timestamp": "soon", "step": 1.5}]}""")]
    [InlineData("/api/2.0/mlflow/runs/search", """{"experiment_ids": [1, {"a": null}], "max_results": "many", "order_by": [3]}""")]
    [InlineData("/api/2.0/mlflow/runs/log-inputs", """{"run_id": "RUN", "datasets": [{"dataset": [], "tags": [{"key": []}]}]}""")]
    [InlineData("/api/2.0/mlflow/experiments/create", """{"name": "x", "tags": [{"key": null, "value": {"k": 1}}]}""")]
    [InlineData("/api/2.0/mlflow/runs/create", """[1, 2, 3]""")]
    [InlineData("/api/2.0/mlflow/runs/create", """{"experiment_id": "0",""")]
    [InlineData("/api/2.0/mlflow/runs/create", "\"not json inside\"")]
    public async Task Post_MalformedShapes_Returns400WhoseMessageNamesNoDotNetType(string path, string body)
    {
        var (_, runId) = await server.NewRunAsync();

        var (status, error) = await server.PostAsync(path, body.Replace("RUN", runId, StringComparison.Ordinal));

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.DoesNotMatch(@"System\.|ChurnOps\.|`1|\[\]|Exception", message);
    }
}
