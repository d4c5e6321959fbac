using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests;

/// <summary>The server on a real port over the quickstart project: Open Inference Protocol requests, good and bad.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class ServingEndToEndTests(QuickstartFixture fixture) : QuickstartServerTests(fixture)
{
    [Fact]
    public async Task Health_And_OpenApi_Answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health")).StatusCode);
        var openapi = await Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/v2/models/{model}/infer", openapi, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/docs")).StatusCode);
    }

    [Fact]
    public async Task Infer_HundredParallelRequests_GiveTheSameScoresAsSequential()
    {
        var requests = await BuildRequestsAsync(100);

        var sequential = new List<float>();
        foreach (var request in requests)
        {
            sequential.Add(await ScoreAsync(request));
        }

        var parallel = await Task.WhenAll(requests.Select(r => Task.Run(() => ScoreAsync(r))));

        Assert.Equal(sequential, parallel);
        Assert.True(sequential.Distinct().Count() > 10, "scores should differ between customers");
    }

    [Fact]
    public async Task Infer_ServesTheChampion_AndReportsItsVersion()
    {
        var request = (await BuildRequestsAsync(1))[0];
        using var response = await Http.PostAsync("/v2/models/churn/infer", Json(request));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Fixture.Rerun.ModelVersion!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), body["model_version"]!.GetValue<string>());
        Assert.Equal("probability", body["outputs"]![0]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"no_such_column","shape":[1],"datatype":"FP64","data":[1]}]}""", "input 'no_such_column' is not an input of this model")]
    [InlineData("""{"inputs":[{"name":"monthly_charges","shape":[2],"datatype":"FP64","data":[1]}]}""", "has shape [2] but 1 data element(s)")]
    [InlineData("""{"inputs":[{"name":"monthly_charges","shape":[1],"datatype":"BYTES","data":["a"]}]}""", "must have a numeric datatype")]
    [InlineData("""{"inputs": [ {"name": """, "malformed JSON")]
    public async Task Infer_BadRequest_Returns400WithErrorNamingTheProblem(string json, string expected)
    {
        using var response = await Http.PostAsync("/v2/models/churn/infer", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_OnlyCustomerId_UsesOnlineFeatures_AndScoresLikeTheFullRow()
    {
        var full = (await BuildRequestsAsync("SELECT * FROM features.customer_features WHERE customer_id = 'C0000007' ORDER BY event_timestamp DESC LIMIT 1", 1))[0];
        var byId = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "customer_id", ["shape"] = new JsonArray(1), ["datatype"] = "BYTES", ["data"] = new JsonArray("C0000007") }),
        };

        Assert.Equal(await ScoreAsync(full), await ScoreAsync(byId));
    }

    [Fact]
    public async Task Infer_UnknownCustomerId_Returns404NamingTheEntity()
    {
        const string json = """{"inputs":[{"name":"customer_id","shape":[1],"datatype":"BYTES","data":["C9999999"]}]}""";

        using var response = await Http.PostAsync("/v2/models/churn/infer", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no online features for entity 'C9999999'", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_LogsEveryPrediction_WithItsInputs()
    {
        var request = (await BuildRequestsAsync(1))[0];
        request["id"] = "logged-request-1";
        using (var response = await Http.PostAsync("/v2/models/churn/infer", Json(request)))
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("churn", body["model_name"]!.GetValue<string>());
            Assert.Equal(response.Headers.GetValues("x-model-version").Single(), body["model_version"]!.GetValue<string>());
            Assert.Equal("logged-request-1", body["id"]!.GetValue<string>());
            var outputs = body["outputs"]!.AsArray();
            Assert.Equal(["probability", "label"], outputs.Select(o => o!["name"]!.GetValue<string>()));
            Assert.Equal(["FP32", "BOOL"], outputs.Select(o => o!["datatype"]!.GetValue<string>()));
            Assert.All(outputs, o => Assert.Equal(1, o!["shape"]![0]!.GetValue<long>()));
            Assert.InRange(outputs[0]!["data"]![0]!.GetValue<float>(), 0f, 1f);
            Assert.Contains(outputs[1]!["data"]![0]!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
        }

        await App.Services.GetRequiredService<PredictionLog>().FlushAsync(CancellationToken.None);
        var logged = await Workspace.Warehouse.QueryAsync("SELECT model_name, source, inputs FROM monitoring.predictions WHERE prediction_id = 'logged-request-1'", CancellationToken.None);

        Assert.Equal(1, logged.RowCount);
        Assert.Equal("online", logged["source"].Texts![0]);
        var inputs = JsonNode.Parse(logged["inputs"].Texts![0]!)!.AsObject();
        Assert.True(inputs.ContainsKey("monthly_charges"));
        Assert.Equal(JsonValueKind.String, inputs["contract_type"]!.GetValueKind());
    }

    [Fact]
    public async Task Infer_UnknownModel_Returns404()
    {
        using var response = await Http.PostAsync("/v2/models/no-such-model/infer", new StringContent("{}", Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("model 'no-such-model' is not registered", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_OversizeBody_IsRefusedWith413()
    {
        var huge = new string('x', Workspace.Config.Serving.MaxRequestBytes + 10);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/churn/infer")
        {
            Content = new StringContent($"{{\"id\":\"{huge}\"}}", Encoding.UTF8, "application/json"),
        };

        // With 100-continue the server refuses on Content-Length before the body is sent, so the client never writes
        // into a closed connection (which otherwise surfaces as a broken pipe instead of the 413).
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private async Task<float> ScoreAsync(JsonObject request)
    {
        using var response = await Http.PostAsync("/v2/models/churn/infer", Json(request));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["outputs"]![0]!["data"]![0]!.GetValue<float>();
    }

    private static StringContent Json(JsonObject request) => new(request.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>One single-row request per customer, built from the model's own metadata and the feature table.</summary>
    private Task<List<JsonObject>> BuildRequestsAsync(int count) =>
        BuildRequestsAsync($"SELECT * FROM features.customer_features ORDER BY customer_id LIMIT {count}", count);

    private async Task<List<JsonObject>> BuildRequestsAsync(string sql, int count)
    {
        var metadata = (await Http.GetFromJsonAsync<JsonObject>("/v2/models/churn"))!;
        var inputs = metadata["inputs"]!.AsArray().Select(i => (Name: i!["name"]!.GetValue<string>(), Type: i["datatype"]!.GetValue<string>())).ToList();
        var rows = await Workspace.Warehouse.QueryAsync(sql, CancellationToken.None);
        var requests = new List<JsonObject>();
        for (var row = 0; row < rows.RowCount; row++)
        {
            var tensors = new JsonArray();
            foreach (var (name, type) in inputs)
            {
                if (!rows.TryGetColumn(name, out var column))
                {
                    continue;
                }

                JsonNode? value = column.Kind == ColumnKind.Text
                    ? JsonValue.Create(column.Texts![row])
                    : double.IsNaN(column.Numbers![row]) ? null : JsonValue.Create(column.Numbers[row]);
                tensors.Add(new JsonObject { ["name"] = name, ["shape"] = new JsonArray(1), ["datatype"] = type, ["data"] = new JsonArray(value) });
            }

            requests.Add(new JsonObject { ["inputs"] = tensors });
        }

        Assert.Equal(count, requests.Count);
        return requests;
    }
}
