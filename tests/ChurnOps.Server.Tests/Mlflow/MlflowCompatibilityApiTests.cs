using System.Net.Http.Headers;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>Calls older and newer MLflow clients make that the core tracking tests do not cover.</summary>
public sealed class MlflowCompatibilityApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Fact]
    public async Task RunsGetSetTagDeleteTag_WithRunUuidOnly_WorkAsWithRunId()
    {
        var (_, runId) = await server.NewRunAsync();

        var (setStatus, setBody) = await server.PostAsync("/api/2.0/mlflow/runs/set-tag", $$"""{"run_uuid": "{{runId}}", "key": "stage", "value": "cv"}""");
        var (getStatus, run) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_uuid={runId}");
        var (deleteStatus, _) = await server.PostAsync("/api/2.0/mlflow/runs/delete-tag", $$"""{"run_id": "{{runId}}", "key": "stage"}""");
        var (_, after) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_uuid={runId}");

        Assert.Equal(200, setStatus);
        Assert.Equal("{}", setBody.GetRawText());
        Assert.Equal(200, getStatus);
        Assert.Contains(run.GetProperty("run").GetProperty("data").GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "stage" && t.GetProperty("value").GetString() == "cv");
        Assert.Equal(200, deleteStatus);
        Assert.DoesNotContain(after.GetProperty("run").GetProperty("data").GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "stage");
    }

    [Fact]
    public async Task RunsGet_NeitherRunIdNorRunUuid_Returns400()
    {
        var (status, body) = await server.GetAsync("/api/2.0/mlflow/runs/get");

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        Assert.Contains("run_id", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExperimentByName_Missing_Returns404WithMlflowsMessage()
    {
        var (status, body) = await server.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=no-such-experiment");

        Assert.Equal(404, status);
        Assert.Equal(["error_code", "message"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("error_code").GetString());
        Assert.Equal("Could not find experiment with name 'no-such-experiment'", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task SearchExperiments_TagFilterNameLikeAndViewType_SelectAsMlflowDoes()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, team) in new[] { ("churn-a", "ds"), ("churn-b", "mlops"), ("churn-c", "ds") })
        {
            var (_, created) = await server.PostAsync("/api/2.0/mlflow/experiments/create", $$"""{"name": "{{name}}-{{suffix}}", "tags": [{"key": "team", "value": "{{team}}"}]}""");
            ids[name] = created.GetProperty("experiment_id").GetString()!;
        }

        await server.PostAsync("/api/2.0/mlflow/experiments/delete", $$"""{"experiment_id": "{{ids["churn-c"]}}"}""");
        var filter = $"tags.team = 'ds' AND name LIKE 'churn-%-{suffix}'";

        var active = await NamesAsync($$"""{"max_results": 100, "filter": "{{filter}}"}""");
        var all = await NamesAsync($$"""{"max_results": 100, "filter": "{{filter}}", "view_type": "ALL", "order_by": ["name DESC"]}""");
        var deleted = await NamesAsync($$"""{"max_results": 100, "filter": "{{filter}}", "view_type": "DELETED_ONLY"}""");
        var (getStatus, viaGet) = await server.GetAsync($"/api/2.0/mlflow/experiments/search?max_results=100&view_type=ALL&filter={Uri.EscapeDataString($"tags.team ILIKE 'MLOPS' AND name LIKE '%{suffix}'")}");
        var (badStatus, _) = await server.PostAsync("/api/2.0/mlflow/experiments/search", """{"view_type": "SOME"}""");

        Assert.Equal([$"churn-a-{suffix}"], active);
        Assert.Equal([$"churn-c-{suffix}", $"churn-a-{suffix}"], all);
        Assert.Equal([$"churn-c-{suffix}"], deleted);
        Assert.Equal(200, getStatus);
        Assert.Equal($"churn-b-{suffix}", viaGet.GetProperty("experiments")[0].GetProperty("name").GetString());
        Assert.Equal(400, badStatus);
    }

    [Fact]
    public async Task ArtifactProxyDelete_FileThenFolder_RemovesThemAndAnswersEmptyObject()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var root = $"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts";
        await PutAsync($"{root}/model/MLmodel", "flavors: {}\n");
        await PutAsync($"{root}/model/model.zip", "zip");
        await PutAsync($"{root}/plots/roc.png", "png");

        using var deleteFile = await server.Client.DeleteAsync(new Uri($"{root}/plots/roc.png", UriKind.Relative));
        using var deleteFolder = await server.Client.DeleteAsync(new Uri($"{root}/model", UriKind.Relative));
        using var deleteMissing = await server.Client.DeleteAsync(new Uri($"{root}/never-there.txt", UriKind.Relative));
        var (fileStatus, _) = await server.GetAsync($"{root}/plots/roc.png");
        var (_, listed) = await server.GetAsync($"/api/2.0/mlflow/artifacts/list?run_id={runId}&path=model");

        Assert.Equal(200, (int)deleteFile.StatusCode);
        Assert.Equal("{}", await deleteFile.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)deleteFolder.StatusCode);
        Assert.Equal(200, (int)deleteMissing.StatusCode);
        Assert.Equal(404, fileStatus);
        Assert.False(listed.TryGetProperty("files", out var files) && files.GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts/0/..%2F..%2Fmetadata.db")]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts/0/%2E%2E%2F%2E%2E%2Fkeep.txt")]
    [InlineData("/ajax-api/2.0/mlflow-artifacts/artifacts/0/a/..%2F..%2F..%2Fkeep.txt")]
    public async Task ArtifactProxyDelete_PathWithDotDot_Returns400AndDeletesNothing(string url)
    {
        var keep = Path.Combine(server.Workspace.Layout.ArtifactsDir, "keep.txt");
        await File.WriteAllTextAsync(keep, "keep");

        using var response = await server.Client.DeleteAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("INVALID_PARAMETER_VALUE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(keep));
    }

    private async Task<List<string>> NamesAsync(string request)
    {
        var (status, body) = await server.PostAsync("/api/2.0/mlflow/experiments/search", request);
        Assert.Equal(200, status);
        return body.TryGetProperty("experiments", out var experiments) ? experiments.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList() : [];
    }

    private async Task PutAsync(string path, string text)
    {
        using var content = new StringContent(text);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await server.Client.PutAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(200, (int)response.StatusCode);
    }
}
