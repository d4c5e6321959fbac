using System.Net.Http.Headers;
using System.Text.Json;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Registry;

namespace ChurnOps.Server.Tests.Mlflow;

public sealed class MlflowArtifactApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Fact]
    public async Task ArtifactProxy_PutThenGetAndList_RoundTripsUnderRunArtifactUri()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var path = $"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/model/MLmodel";
        using var content = new ByteArrayContent("flavors: {}\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var put = await server.Client.PutAsync(new Uri(path, UriKind.Relative), content);
        var downloaded = await server.Client.GetStringAsync(new Uri(path, UriKind.Relative));
        var (_, proxyList) = await server.GetAsync($"/api/2.0/mlflow-artifacts/artifacts?path={experimentId}/{runId}/artifacts/model");
        var (_, runList) = await server.GetAsync($"/api/2.0/mlflow/artifacts/list?run_id={runId}&path=model");
        var (_, rootList) = await server.GetAsync($"/api/2.0/mlflow/artifacts/list?run_id={runId}");

        Assert.Equal(200, (int)put.StatusCode);
        Assert.Equal("flavors: {}\n", downloaded);
        var file = proxyList.GetProperty("files")[0];
        Assert.Equal("MLmodel", file.GetProperty("path").GetString());
        Assert.False(file.GetProperty("is_dir").GetBoolean());
        Assert.Equal(12, file.GetProperty("file_size").GetInt64());
        Assert.Equal("model/MLmodel", runList.GetProperty("files")[0].GetProperty("path").GetString());
        Assert.Equal($"mlflow-artifacts:/{experimentId}/{runId}/artifacts", runList.GetProperty("root_uri").GetString());
        Assert.True(rootList.GetProperty("files")[0].GetProperty("is_dir").GetBoolean());
    }

    [Theory]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts/0/..%2F..%2F..%2Fmetadata.db")]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts/0/%2E%2E%2F%2E%2E%2Fmetadata.db")]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts?path=../..")]
    public async Task ArtifactProxy_PathWithDotDot_IsRefusedWith400(string url)
    {
        var (status, body) = await server.GetAsync(url);

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task ArtifactProxy_PutWithDotDot_IsRefusedAndWritesNothing()
    {
        using var content = new ByteArrayContent([1, 2, 3]);

        using var response = await server.Client.PutAsync(new Uri("/api/2.0/mlflow-artifacts/artifacts/0/..%2F..%2Fescaped.bin", UriKind.Relative), content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.False(File.Exists(Path.Combine(server.Workspace.Layout.StateDir, "escaped.bin")));
        Assert.False(File.Exists(Path.Combine(server.Workspace.Layout.ArtifactsDir, "escaped.bin")));
    }

    [Fact]
    public async Task RunArtifactsList_PathWithDotDot_Returns400()
    {
        var (_, runId) = await server.NewRunAsync();

        var (status, _) = await server.GetAsync($"/api/2.0/mlflow/artifacts/list?run_id={runId}&path=../../..");

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task ArtifactProxy_MissingFile_Returns404()
    {
        var (status, body) = await server.GetAsync("/api/2.0/mlflow-artifacts/artifacts/0/nope/artifacts/missing.txt");

        Assert.Equal(404, status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task ArtifactProxy_PutOrDeleteUnderRegisteredVersion_Is403AndFileUnchanged()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var modelPath = $"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/model/model.zip";
        using (var first = await PutAsync(modelPath, [1, 2, 3, 4]))
        {
            Assert.Equal(200, (int)first.StatusCode);
        }

        var storePath = $"tracking/{experimentId}/{runId}/artifacts/model/model.zip";
        var sha256 = await ArtifactHash.ComputeAsync(server.Workspace.Artifacts, storePath, CancellationToken.None);
        var lineage = new ModelLineage(null, new Dictionary<string, string>(), null, null, 1, "churned", null);
        var model = "immutable-" + Guid.NewGuid().ToString("N")[..8];
        await server.Workspace.Registry.RegisterAsync(
            new NewModelVersion(model, runId, storePath, "logreg", new Dictionary<string, double>(), lineage, "test", null) { Source = $"runs:/{runId}/model", ArtifactSha256 = sha256 },
            CancellationToken.None);

        using var overwrite = await PutAsync(modelPath, [9, 9, 9]);
        using var sibling = await PutAsync($"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/model/extra.txt", [7]);
        using var delete = await server.Client.DeleteAsync(new Uri(modelPath, UriKind.Relative));
        using var deleteFolder = await server.Client.DeleteAsync(new Uri($"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}", UriKind.Relative));
        var body = JsonDocument.Parse(await overwrite.Content.ReadAsStringAsync()).RootElement;
        var file = Path.Combine(server.Workspace.Layout.ArtifactsDir, "tracking", experimentId, runId, "artifacts", "model", "model.zip");

        Assert.Equal(403, (int)overwrite.StatusCode);
        Assert.Equal("PERMISSION_DENIED", body.GetProperty("error_code").GetString());
        Assert.Contains($"belongs to registered model {model} v1 and is immutable", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(403, (int)sibling.StatusCode);
        Assert.Equal(403, (int)delete.StatusCode);
        Assert.Equal(403, (int)deleteFolder.StatusCode);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task ArtifactProxy_PutUnderRunWithoutRegisteredVersion_Is200()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var path = $"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/model/model.zip";

        using var first = await PutAsync(path, [1]);
        using var second = await PutAsync(path, [2]);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(new byte[] { 2 }, await server.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative)));
    }

    private async Task<HttpResponseMessage> PutAsync(string path, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await server.Client.PutAsync(new Uri(path, UriKind.Relative), content);
    }
}
