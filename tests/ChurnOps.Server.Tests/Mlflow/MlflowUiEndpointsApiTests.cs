using System.Net.Http.Headers;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>Endpoints MLflow serves that the REST API list leaves out: experiment tag delete, the UI's ajax calls, /get-artifact, /version.</summary>
public sealed class MlflowUiEndpointsApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Fact]
    public async Task DeleteExperimentTag_SetThenDeleted_TagIsGoneAndSecondDeleteIs404()
    {
        var (experimentId, _) = await server.NewRunAsync();
        await server.PostAsync("/api/2.0/mlflow/experiments/set-experiment-tag", $$"""{"experiment_id": "{{experimentId}}", "key": "team", "value": "churn"}""");

        var (status, _) = await server.PostAsync("/api/2.0/mlflow/experiments/delete-experiment-tag", $$"""{"experiment_id": "{{experimentId}}", "key": "team"}""");
        var (again, error) = await server.PostAsync("/api/2.0/mlflow/experiments/delete-experiment-tag", $$"""{"experiment_id": "{{experimentId}}", "key": "team"}""");
        var (_, experiment) = await server.GetAsync($"/api/2.0/mlflow/experiments/get?experiment_id={experimentId}");

        Assert.Equal(200, status);
        Assert.Equal(404, again);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.GetProperty("error_code").GetString());
        Assert.False(experiment.GetProperty("experiment").TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => t.GetProperty("key").GetString() == "team"));
    }

    [Fact]
    public async Task SearchDatasets_AjaxWithTwoRunsSharingADataset_ReturnsDistinctSummariesWithContext()
    {
        var (experimentId, first) = await server.NewRunAsync();
        var (_, second) = await server.PostAsync("/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}"}""");
        foreach (var runId in new[] { first, second.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()! })
        {
            await server.PostAsync("/api/2.0/mlflow/runs/log-inputs", $$$"""
                {"run_id": "{{{runId}}}", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "train"}],
                  "dataset": {"name": "customers", "digest": "d1", "source_type": "local", "source": "s"}}]}
                """);
        }

        var (status, body) = await server.PostAsync("/ajax-api/2.0/mlflow/experiments/search-datasets", $$"""{"experiment_ids": ["{{experimentId}}"]}""");
        var (none, error) = await server.PostAsync("/ajax-api/2.0/mlflow/experiments/search-datasets", """{"experiment_ids": []}""");

        Assert.Equal(200, status);
        var summary = Assert.Single(body.GetProperty("dataset_summaries").EnumerateArray());
        Assert.Equal([experimentId, "customers", "d1", "train"], new[] { "experiment_id", "name", "digest", "context" }.Select(f => summary.GetProperty(f).GetString()));
        Assert.Equal(400, none);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task UploadArtifactThenGetArtifact_UiRoutes_RoundTripTheBytesAsAnAttachment()
    {
        var (_, runId) = await server.NewRunAsync();
        using var content = new ByteArrayContent("hello,world\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var upload = await server.Client.PostAsync(new Uri($"/ajax-api/2.0/mlflow/upload-artifact?run_uuid={runId}&path=data/sample.csv", UriKind.Relative), content);
        using var download = await server.Client.GetAsync(new Uri($"/get-artifact?path=data/sample.csv&run_uuid={runId}", UriKind.Relative));
        var (_, listed) = await server.GetAsync($"/api/2.0/mlflow/artifacts/list?run_id={runId}&path=data");

        Assert.Equal(200, (int)upload.StatusCode);
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal("hello,world\n", await download.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("data/sample.csv", listed.GetProperty("files")[0].GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("../../metadata.db")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("%2E%2E/%2E%2E/x")]
    public async Task GetAndUploadArtifact_PathEscapingTheRun_Returns400(string path)
    {
        var (_, runId) = await server.NewRunAsync();
        var escaped = Uri.EscapeDataString(Uri.UnescapeDataString(path));
        using var content = new ByteArrayContent("x"u8.ToArray());

        var (getStatus, getError) = await server.GetAsync($"/get-artifact?path={escaped}&run_id={runId}");
        using var upload = await server.Client.PostAsync(new Uri($"/ajax-api/2.0/mlflow/upload-artifact?run_uuid={runId}&path={escaped}", UriKind.Relative), content);

        Assert.Equal(400, getStatus);
        Assert.Equal("INVALID_PARAMETER_VALUE", getError.GetProperty("error_code").GetString());
        Assert.Equal(400, (int)upload.StatusCode);
    }

    [Fact]
    public async Task GetArtifact_MissingFileOrRun_Returns404()
    {
        var (_, runId) = await server.NewRunAsync();

        var (missingFile, error) = await server.GetAsync($"/get-artifact?path=nothing.txt&run_id={runId}");
        var (missingRun, _) = await server.GetAsync("/get-artifact?path=a.txt&run_id=0123456789abcdef0123456789abcdef");

        Assert.Equal(404, missingFile);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.GetProperty("error_code").GetString());
        Assert.Equal(404, missingRun);
    }

    [Fact]
    public async Task UploadArtifact_EmptyBodyOrMissingRun_Returns400WithMlflowsMessage()
    {
        var (_, runId) = await server.NewRunAsync();
        using var empty = new ByteArrayContent([]);

        using var response = await server.Client.PostAsync(new Uri($"/ajax-api/2.0/mlflow/upload-artifact?run_uuid={runId}&path=a.txt", UriKind.Relative), empty);
        using var bytes = new ByteArrayContent("x"u8.ToArray());
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var noRun = await server.Client.PostAsync(new Uri("/ajax-api/2.0/mlflow/upload-artifact?path=a.txt", UriKind.Relative), bytes);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Request must specify data.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(400, (int)noRun.StatusCode);
        Assert.Contains("Request must specify run_uuid.", await noRun.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_Get_ReturnsAPlainVersionString()
    {
        using var response = await server.Client.GetAsync(new Uri("/version", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^\d+\.\d+\.\d+$", text);
    }
}
