using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Server.Tests.Mlflow;

namespace ChurnOps.Server.Tests.Security;

/// <summary>
/// What a page on another site can make a visitor's browser send, over a real port: form-encodable or bodiless writes
/// are refused before they reach a handler, a foreign Host header (DNS rebinding) gets 400, and no CORS header is sent.
/// </summary>
public sealed class BrowserSafetyTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    private const string Evil = "https://evil.example";

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task MlflowCreateExperiment_CrossOriginFormContentType_RefusedWithMlflowErrorAndNothingCreated(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/2.0/mlflow/experiments/create", UriKind.Relative))
        {
            Content = new StringContent("""{"name": "cross-site"}""", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("Origin", Evil);

        using var response = await server.Client.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // MLflow's own server answers a non-JSON Content-Type with 400 INVALID_PARAMETER_VALUE; its clients rely on that.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains("Content-Type", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(404, (await server.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=cross-site")).Status);
    }

    [Fact]
    public async Task StartDeployment_FormPost_Returns415ProblemDetailsAndNothingStarted()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["model"] = "churn", ["version"] = "2" });

        using var response = await server.Client.PostAsync(new Uri("/api/v1/deployments", UriKind.Relative), form);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        using var listed = await server.Client.GetAsync(new Uri("/api/v1/deployments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task DeploymentAction_BodilessPostWithoutContentType_Returns415()
    {
        // What fetch(url, {method: "POST", mode: "no-cors"}) sends: no body, no Content-Type, no preflight.
        using var response = await server.Client.PostAsync(new Uri("/api/v1/deployments/1/rollback", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task UploadArtifact_MultipartForm_RefusedAndNothingWritten()
    {
        var (_, runId) = await server.NewRunAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("evil"u8.ToArray()), "file", "x.txt" } };

        using var upload = await server.Client.PostAsync(new Uri($"/ajax-api/2.0/mlflow/upload-artifact?run_uuid={runId}&path=x.txt", UriKind.Relative), form);
        var (_, listed) = await server.GetAsync($"/api/2.0/mlflow/artifacts/list?run_id={runId}");

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.False(listed.TryGetProperty("files", out var files) && files.GetArrayLength() > 0);
    }

    [Fact]
    public async Task ArtifactProxyPut_TextPlainAsMlflowsClientGuessesForATxt_IsStored()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var path = $"/api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/notes.txt";
        using var content = new StringContent("notes\n", Encoding.UTF8, "text/plain");

        using var put = await server.Client.PutAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("notes\n", await server.Client.GetStringAsync(new Uri(path, UriKind.Relative)));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebound.attacker.test:5000")]
    public async Task Get_ForeignHostHeader_Returns400(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/2.0/mlflow/experiments/search?max_results=1", UriKind.Relative));
        request.Headers.Host = host;

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Get_LoopbackHostHeader_IsServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        request.Headers.Host = $"{host}:{server.Client.BaseAddress!.Port}";

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PreflightAndCrossOriginGet_NoCorsHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/2.0/mlflow/experiments/create", UriKind.Relative));
        preflight.Headers.Add("Origin", Evil);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/2.0/mlflow/experiments/search?max_results=1", UriKind.Relative));
        get.Headers.Add("Origin", Evil);

        using var preflightResponse = await server.Client.SendAsync(preflight);
        using var getResponse = await server.Client.SendAsync(get);

        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.DoesNotContain(preflightResponse.Headers.Concat(getResponse.Headers), h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }
}
