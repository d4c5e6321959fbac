using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// A canary splits every scoring protocol, not only OIP v2: MLflow's /invocations and the native predict route go through
/// the same router, so a customer keeps one arm whichever protocol the client speaks, and the answer says which.
/// </summary>
public sealed class CanaryProtocolsTests
{
    [Fact]
    public async Task Invocations_And_Predict_UnderCanary_RouteStickyByCustomer_LikeOip()
    {
        await using var server = await CanaryServer.StartAsync();
        var id = await CanaryRolloutTests.StartAsync(server, CanaryServer.Good, [50, 100], interval: "1h");
        var random = new Random(11);
        var split = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var c = 0; c < 40; c++)
        {
            var customer = "C" + c.ToString("D4", CultureInfo.InvariantCulture);
            var usage = random.NextDouble().ToString("R", CultureInfo.InvariantCulture);
            var tenure = random.Next(1, 72).ToString(CultureInfo.InvariantCulture);
            var row = $$"""{"customer_id": "{{customer}}", "usage": {{usage}}, "tenure": {{tenure}}, "plan": "basic"}""";

            using var oip = await server.Http.PostAsync(new Uri("/v2/models/churn/infer", UriKind.Relative),
                new StringContent(CanaryServer.InferBody(new Random(c), customer), Encoding.UTF8, "application/json"));
            using var invocations = await server.Http.PostAsync(new Uri("/invocations", UriKind.Relative),
                new StringContent($$"""{"dataframe_records": [{{row}}]}""", Encoding.UTF8, "application/json"));
            using var predict = await server.Http.PostAsync(new Uri("/api/v1/predict/churn", UriKind.Relative),
                new StringContent($$"""{"rows": [{{row}}]}""", Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, oip.StatusCode);
            Assert.True(invocations.StatusCode == HttpStatusCode.OK, await invocations.Content.ReadAsStringAsync());
            Assert.True(predict.StatusCode == HttpStatusCode.OK, await predict.Content.ReadAsStringAsync());
            var arm = oip.Headers.GetValues("x-deployment").Single();
            Assert.Equal(arm, invocations.Headers.GetValues("x-deployment").Single());
            Assert.Equal(arm, predict.Headers.GetValues("x-deployment").Single());
            var expectedVersion = arm == $"{id}/candidate" ? CanaryServer.Good : 1;
            Assert.Equal(expectedVersion.ToString(CultureInfo.InvariantCulture), invocations.Headers.GetValues("x-model-version").Single());
            var answer = JsonNode.Parse(await predict.Content.ReadAsStringAsync())!["predictions"]!.AsArray().Single()!;
            Assert.Equal(arm.Split('/')[1], answer["arm"]!.GetValue<string>());
            Assert.Equal(expectedVersion, answer["model_version"]!.GetValue<int>());
            split[arm] = split.GetValueOrDefault(arm) + 1;
        }

        Assert.Equal(2, split.Count);
    }
}
