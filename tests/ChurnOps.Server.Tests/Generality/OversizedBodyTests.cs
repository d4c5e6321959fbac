using System.Net.Http.Headers;
using System.Text;
using ChurnOps.Server.Tests.Mlflow;

namespace ChurnOps.Server.Tests.Generality;

/// <summary>
/// A body over <c>serving.max_request_bytes</c> (4 MiB by default) on a route that reads it whole: 413 in the route's own
/// error shape, nothing of the body echoed, and nothing written (was a 500 from the unhandled Kestrel exception).
/// </summary>
public sealed class OversizedBodyTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    private const int OverLimit = 5 * 1024 * 1024;

    private async Task<(int Status, string Body)> PostLargeAsync(string path, string head)
    {
        // A JSON object whose one string value carries the bulk: well formed, just too large.
        var json = new StringBuilder(head.Length + OverLimit + 8).Append(head).Append('"').Append('x', OverLimit).Append("\"}").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // With 100-continue the refusal comes before the body is sent, so the client never writes into a closed connection.
        request.Headers.ExpectContinue = true;
        using var response = await server.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MlflowLogBatch_BodyOverLimit_Is413InMlflowShapeAndLogsNothing()
    {
        var (_, runId) = await server.NewRunAsync();

        var (status, body) = await PostLargeAsync("/api/2.0/mlflow/runs/log-batch", $$"""{"run_id": "{{runId}}", "params": [{"key": "p", "value": "1"}], "tags": [{"key": "big", "value": """);

        Assert.Equal(413, status);
        Assert.Contains("\"error_code\":\"INVALID_PARAMETER_VALUE\"", body, StringComparison.Ordinal);
        Assert.Contains("request body exceeds 4194304 bytes", body, StringComparison.Ordinal);
        Assert.True(body.Length < 300, body[..Math.Min(body.Length, 300)]);
        var (_, run) = await server.GetAsync("/api/2.0/mlflow/runs/get?run_id=" + runId);
        var data = run.GetProperty("run").GetProperty("data");
        var logged = data.TryGetProperty("params", out var parameters) ? parameters.EnumerateArray().Select(p => p.GetProperty("key").GetString()).ToList() : [];
        Assert.DoesNotContain("p", logged);
    }

    [Fact]
    public async Task DeploymentsStart_BodyOverLimit_Is413ProblemDetails()
    {
        var (status, body) = await PostLargeAsync("/api/v1/deployments", """{"model": "churn", "version": 1, "created_by": """);

        Assert.Equal(413, status);
        Assert.Contains("\"title\":\"Request too large\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":413", body, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxx", body, StringComparison.Ordinal);
    }
}
