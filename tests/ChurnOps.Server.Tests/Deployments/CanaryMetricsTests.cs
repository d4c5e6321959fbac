using System.Globalization;
using System.Net;
using System.Text;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// /metrics under a canary, over a real port: each answer is counted under the arm and version that answered, read from
/// the answer's x-deployment header (no second header of its own), and the deployment's warm-up, which runs the split's
/// request path before any traffic, never shows up in the live figures.
/// </summary>
[Collection(ServingMetricsCollection.Name)]
public sealed class CanaryMetricsTests
{
    [Fact]
    public async Task Metrics_UnderCanary_CountEachArmFromTheDeploymentHeader_WarmupNotCounted()
    {
        await using var server = await CanaryServer.StartAsync();
        var id = await CanaryRolloutTests.StartAsync(server, CanaryServer.Good, [50, 100], interval: "1h");

        // The deploy call warmed the split (hundreds of requests through a private router): none of it is live.
        Assert.Equal(0, Requests(await server.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), "candidate", CanaryServer.Good));
        var deployment = await server.GetDeploymentAsync(id);
        Assert.Equal("active", deployment["status"]!.GetValue<string>());

        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        var random = new Random(21);
        for (var c = 0; c < 40; c++)
        {
            var customer = "C" + c.ToString("D4", CultureInfo.InvariantCulture);
            using var response = await server.Http.PostAsync(new Uri("/v2/models/churn/infer", UriKind.Relative),
                new StringContent(CanaryServer.InferBody(random, customer), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("x-deployment-arm"));
            var arm = response.Headers.GetValues("x-deployment").Single().Split('/')[1];
            answered[arm] = answered.GetValueOrDefault(arm) + 1;
        }

        Assert.Equal(2, answered.Count);
        // Bounded wait: the exporter may answer from a scrape a moment old.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string text;
        do
        {
            text = await server.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (Requests(text, "candidate", CanaryServer.Good) == answered["candidate"] && Requests(text, "stable", 1) == answered["stable"])
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < until);

        Assert.Equal(answered["candidate"], Requests(text, "candidate", CanaryServer.Good));
        Assert.Equal(answered["stable"], Requests(text, "stable", 1));
    }

    /// <summary>The OIP requests answered with 200 by an arm and version, summed over the series /metrics has for them.</summary>
    private static long Requests(string metrics, string arm, int version) => metrics.Split('\n')
        .Where(l => l.StartsWith("churnops_serving_requests_total{", StringComparison.Ordinal)
            && l.Contains($"arm=\"{arm}\"", StringComparison.Ordinal)
            && l.Contains($"version=\"{version.ToString(CultureInfo.InvariantCulture)}\"", StringComparison.Ordinal)
            && l.Contains("protocol=\"oip\"", StringComparison.Ordinal)
            && l.Contains("code=\"200\"", StringComparison.Ordinal))
        .Sum(l => long.Parse(l[(l.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture));
}
