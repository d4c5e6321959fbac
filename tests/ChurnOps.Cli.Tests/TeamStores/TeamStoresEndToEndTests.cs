using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using StackExchange.Redis;

namespace ChurnOps.Cli.Tests.TeamStores;

/// <summary>
/// The quickstart on team stores, as a team runs it: the real churnops binary with storage.online on a real
/// redis-server and storage.artifacts on a real S3-compatible server (s3rver), then 'churnops serve' on a real port
/// answering predictions by customer_id from the Redis online store with the model loaded from the bucket.
/// </summary>
public sealed partial class TeamStoresEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Quickstart_OnRedisAndS3_ArtifactsInTheBucketFeaturesInRedisAndServedByCustomerId()
    {
        var prefix = "e2e-" + Guid.NewGuid().ToString("N");
        var environment = await EnvironmentAsync(prefix, database: 5);
        var project = _dir.Sub("project");

        var (exit, stdout, stderr) = await CliProcess.RunWithEnvironmentAsync(_dir.Path, environment, "quickstart", "--dir", project, "--rows", "2000", "--seed", "42");

        Assert.True(exit == 0, stderr + stdout);
        // Training's artifacts landed in the bucket, under the prefix, and nothing in the local artifact folder.
        var modelKey = ModelKey().Match(stdout).Groups[1].Value;
        Assert.StartsWith(prefix + "/tracking/", modelKey, StringComparison.Ordinal);
        using var s3 = await S3TestServer.ClientAsync();
        var original = await s3.GetObjectMetadataAsync(S3TestServer.Bucket, modelKey);
        Assert.True(original.ContentLength > 0);
        var artifactsDir = Path.Combine(project, ".churnops", "artifacts");
        Assert.Empty(Directory.Exists(artifactsDir) ? Directory.EnumerateFiles(artifactsDir, "*", SearchOption.AllDirectories) : []);
        // The feature view is materialized in Redis: one current generation holding every customer.
        var redisUrl = await RedisTestServer.UrlAsync();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisUrl["redis://".Length..]))
        {
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            var pointer = Assert.Single(server.Keys(5, "churnops:*:online:{customer_features}:current"));
            var generation = (string?)await redis.GetDatabase(5).StringGetAsync(pointer);
            var prefixOfView = pointer.ToString()[..^"current".Length];
            Assert.Equal(2000, await redis.GetDatabase(5).HashLengthAsync(prefixOfView + "g:" + generation));
        }

        var (serve, url) = await StartServeAsync(project, environment);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var answer = await http.PostAsJsonAsync("/api/v1/predict/churn", new { rows = new[] { new { customer_id = "C0000007" } } });
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
            var prediction = JsonNode.Parse(body)!["predictions"]![0]!;
            Assert.Equal("C0000007", prediction["entity_id"]!.GetValue<string>());
            Assert.InRange(prediction["probability"]!.GetValue<double>(), 0.0, 1.0);
            Assert.Equal(1, prediction["model_version"]!.GetValue<int>());

            var unknown = await http.PostAsJsonAsync("/api/v1/predict/churn", new { rows = new[] { new { customer_id = "C9999999" } } });
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

            // A registered version's files stay immutable on S3: the MLflow artifact proxy refuses to overwrite them.
            var overwrite = await http.PutAsync("/api/2.0/mlflow-artifacts/artifacts/" + modelKey[(prefix + "/tracking/").Length..], new ByteArrayContent("evil"u8.ToArray()));
            Assert.Equal(HttpStatusCode.Forbidden, overwrite.StatusCode);
            Assert.Equal(original.ETag, (await s3.GetObjectMetadataAsync(S3TestServer.Bucket, modelKey)).ETag);
        }
        finally
        {
            await StopAsync(serve);
        }

        // A replica whose Redis is gone still starts (the store connects on first use) and answers 503 naming the store.
        var deadRedis = new Dictionary<string, string>(environment) { ["CHURNOPS__STORAGE__ONLINE"] = $"redis://127.0.0.1:{LocalServerProcess.FreePort()}/5" };
        var (cut, cutUrl) = await StartServeAsync(project, deadRedis);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(cutUrl) };
            var unavailable = await http.PostAsJsonAsync("/api/v1/predict/churn", new { rows = new[] { new { customer_id = "C0000007" } } });
            var problem = JsonNode.Parse(await unavailable.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Contains("online store redis://127.0.0.1:", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(cut);
        }

        // Bytes changed behind ChurnOps' back are not served: the SHA-256 recorded at registration is checked on load.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = S3TestServer.Bucket, Key = modelKey, ContentBody = "not the model", UseChunkEncoding = false });
        var (tampered, tamperedUrl) = await StartServeAsync(project, environment);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(tamperedUrl) };
            var refused = await http.PostAsJsonAsync("/api/v1/predict/churn", new { rows = new[] { new { customer_id = "C0000007" } } });
            var body = await refused.Content.ReadAsStringAsync();
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("does not match its registered SHA-256", body, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(tampered);
        }
    }

    public void Dispose() => _dir.Dispose();

    internal static async Task<Dictionary<string, string>> EnvironmentAsync(string prefix, int database) => new()
    {
        ["CHURNOPS__STORAGE__ONLINE"] = $"{await RedisTestServer.UrlAsync()}/{database}",
        ["CHURNOPS__STORAGE__ARTIFACTS"] = $"s3://{S3TestServer.Bucket}/{prefix}",
        ["CHURNOPS__STORAGE__S3__ENDPOINT"] = await S3TestServer.EndpointAsync(),
        ["CHURNOPS__STORAGE__S3__ACCESS_KEY_ID"] = S3TestServer.AccessKey,
        ["CHURNOPS__STORAGE__S3__SECRET_ACCESS_KEY"] = S3TestServer.SecretKey,
    };

    private static async Task<(Process Process, string Url)> StartServeAsync(string project, IReadOnlyDictionary<string, string> environment)
    {
        var (process, line) = await CliProcess.StartWithLineAsync(project, environment, "ChurnOps serving", "serve", "-C", project, "--port", "0");
        // Keep reading the server's output: a full pipe would block its console logger, and with it the requests.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return (process, ServedUrl().Match(line).Groups[1].Value);
    }

    private static async Task StopAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
    }

    [GeneratedRegex(@" on (http://\S+)")]
    private static partial Regex ServedUrl();

    [GeneratedRegex(@"model:\s+s3://churnops-tests/(\S+)")]
    private static partial Regex ModelKey();
}
