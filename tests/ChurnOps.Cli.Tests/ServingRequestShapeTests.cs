using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChurnOps.Cli.Tests;

/// <summary>
/// Infer requests of every shape over a real port: large bodies with nulls, booleans and nested values in every position
/// (also sent in small chunks, so the server's JSON reader sees partial blocks), wrong JSON types everywhere, and the
/// protocol's per-version routes.
/// </summary>
[Collection(QuickstartCollection.Name)]
public sealed class ServingRequestShapeTests(QuickstartFixture fixture) : QuickstartServerTests(fixture)
{
    private List<(string Name, string Datatype)> _inputs = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var metadata = (await Http.GetFromJsonAsync<JsonObject>("/v2/models/churn"))!;
        _inputs = metadata["inputs"]!.AsArray().Select(i => (i!["name"]!.GetValue<string>(), i["datatype"]!.GetValue<string>())).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Infer_BodyFarPast64KbWithNullsBooleansAndNestedValuesEverywhere_Returns200(bool chunked)
    {
        const int rows = 500;
        var request = Batch(rows, nullAtRow: 250);
        request["id"] = "long-" + new string('x', 100_000);
        request["parameters"] = new JsonObject { ["none"] = null, ["flag"] = true, ["nested"] = new JsonObject { ["a"] = new JsonArray(null, false, new JsonArray(1, null)) } };
        request["outputs"] = new JsonArray(new JsonObject { ["name"] = "probability", ["parameters"] = new JsonObject { ["x"] = null } }, null);
        request["unknown_field"] = new JsonArray(null, true, new JsonObject { ["deep"] = new JsonArray(new JsonArray((JsonNode?)null)) });
        foreach (var tensor in request["inputs"]!.AsArray())
        {
            tensor!["parameters"] = new JsonObject { ["content_type"] = null, ["binary"] = false, ["nested"] = new JsonObject { ["n"] = null } };
            tensor["unknown_tensor_field"] = new JsonObject { ["x"] = new JsonArray(null, true) };
        }

        var json = request.ToJsonString();
        Assert.True(json.Length > 64 * 1024 * 2, "the body must be well past 64 KB");

        using var response = await PostAsync("/v2/models/churn/infer", json, chunked);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text[..Math.Min(text.Length, 500)]);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(rows, body["outputs"]![0]!["data"]!.AsArray().Count);
        Assert.Equal(request["id"]!.GetValue<string>(), body["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Infer_InputsWithANullTensor_Returns400NamingThePlace()
    {
        using var response = await PostAsync("/v2/models/churn/infer", """{"inputs":[null]}""", chunked: false);
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("inputs[0]: expected a tensor object", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":5,"inputs":[]}""", "id: expected a string")]
    [InlineData("""{"inputs":{"name":"x"}}""", "inputs: expected an array of tensor objects")]
    [InlineData("""{"inputs":[7]}""", "inputs[0]: expected a tensor object")]
    [InlineData("""{"inputs":[{"name":"age","shape":["one"],"datatype":"FP64","data":[1]}]}""", "inputs[0].shape: expected an array of integers")]
    [InlineData("""{"inputs":[{"name":"age","shape":[1.5],"datatype":"FP64","data":[1]}]}""", "inputs[0].shape: expected an array of integers")]
    [InlineData("""{"inputs":[{"name":"age","shape":[null],"datatype":"FP64","data":[1]}]}""", "inputs[0].shape: expected an array of integers")]
    [InlineData("""{"inputs":[{"name":"age","shape":1,"datatype":"FP64","data":[1]}]}""", "inputs[0].shape: expected an array of integers")]
    [InlineData("""{"inputs":[{"name":["age"],"shape":[1],"datatype":"FP64","data":[1]}]}""", "inputs[0].name: expected a string")]
    [InlineData("""{"parameters":[1],"inputs":[]}""", "parameters: expected an object")]
    [InlineData("""{"inputs":[], "outputs": 3}""", "outputs: expected an array of output objects")]
    [InlineData("""{"inputs":[{"name":"age","shape":[1],"datatype":"FP64","data":[{"a":1}]}]}""", "input 'age' element 0 is an object, expected a number")]
    [InlineData("""{"inputs": [ {"name": """, "malformed JSON at line 1")]
    [InlineData("""{"inputs":[]} trailing""", "malformed JSON")]
    public async Task Infer_WrongJsonType_Returns400InTheProtocolsWords(string json, string expected)
    {
        using var response = await PostAsync("/v2/models/churn/infer", json, chunked: false);
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    /// <summary>Every field of a valid request, in turn, set to null and to each wrong JSON type: never a 500, never a .NET name.</summary>
    [Fact]
    public async Task Infer_EveryFieldSetToEveryJsonKind_Answers200Or400WithoutDotNetNames()
    {
        JsonNode?[] kinds = [null, true, 1, -1, 1.5, "text", new JsonArray(), new JsonArray((JsonNode?)null), new JsonObject(), new JsonObject { ["a"] = null }];
        var valid = Batch(3, nullAtRow: 1);
        var places = new List<Func<JsonObject, (JsonNode Parent, string? Key, int Index)>>
        {
            r => (r, "id", -1), r => (r, "parameters", -1), r => (r, "inputs", -1), r => (r, "outputs", -1),
            r => (r["inputs"]!, null, 0),
        };
        foreach (var field in new[] { "name", "shape", "datatype", "parameters", "data" })
        {
            places.Add(r => (r["inputs"]![0]!, field, -1));
        }

        places.Add(r => (r["inputs"]![0]!["shape"]!, null, 0));
        places.Add(r => (r["inputs"]![0]!["data"]!, null, 0));
        places.Add(r => (r["inputs"]![r["inputs"]!.AsArray().Count - 1]!["data"]!, null, 0));

        var cases = 0;
        foreach (var place in places)
        {
            foreach (var kind in kinds)
            {
                var request = valid.DeepClone().AsObject();
                var (parent, key, index) = place(request);
                if (key is not null)
                {
                    parent[key] = kind?.DeepClone();
                }
                else
                {
                    parent.AsArray()[index] = kind?.DeepClone();
                }

                var json = request.ToJsonString();
                using var response = await PostAsync("/v2/models/churn/infer", json, chunked: cases % 2 == 1);
                var text = await response.Content.ReadAsStringAsync();
                cases++;

                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {json[..Math.Min(json.Length, 300)]}: {text}");
                Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
                Assert.DoesNotContain("ChurnOps.", text, StringComparison.Ordinal);
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(text)!["error"]!.GetValue<string>()), json);
                }
            }
        }

        Assert.Equal(places.Count * kinds.Length, cases);
    }

    [Fact]
    public async Task Infer_ExactVersionRoute_ServesThatVersion_AndMetadataAndReadyAnswer()
    {
        foreach (var version in new[] { Fixture.Summary.ModelVersion, Fixture.Rerun.ModelVersion }.OfType<int>())
        {
            var v = version.ToString(CultureInfo.InvariantCulture);
            using var response = await PostAsync($"/v2/models/churn/versions/{v}/infer", Batch(2, nullAtRow: 0).ToJsonString(), chunked: false);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(v, body["model_version"]!.GetValue<string>());
            Assert.Equal(v, response.Headers.GetValues("x-model-version").Single());
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/v2/models/churn/versions/{v}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/v2/models/churn/versions/{v}/ready")).StatusCode);
        }
    }

    [Theory]
    [InlineData("999", "model 'churn' has no version 999")]
    [InlineData("latest", "model 'churn' has no version 'latest'")]
    public async Task Infer_UnknownVersion_Returns404(string version, string expected)
    {
        using var response = await PostAsync($"/v2/models/churn/versions/{version}/infer", Batch(1, nullAtRow: 0).ToJsonString(), chunked: false);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, await ErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/v2/models/churn/versions/{version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/v2/models/churn/versions/{version}/ready")).StatusCode);
    }

    /// <summary>A batch of <paramref name="rows"/> rows with every input given; each input has a null at one row.</summary>
    private JsonObject Batch(int rows, int nullAtRow)
    {
        var tensors = new JsonArray();
        foreach (var (name, datatype) in _inputs)
        {
            var data = new JsonArray();
            for (var row = 0; row < rows; row++)
            {
                data.Add(row == nullAtRow ? null : datatype == "BYTES" ? JsonValue.Create("value-" + (row % 3).ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(row % 17 + 0.5));
            }

            tensors.Add(new JsonObject { ["name"] = name, ["shape"] = new JsonArray(rows), ["datatype"] = datatype, ["data"] = data });
        }

        return new JsonObject { ["inputs"] = tensors };
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json, bool chunked) =>
        Http.PostAsync(path, chunked ? new ChunkedContent(Encoding.UTF8.GetBytes(json)) : new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ChurnOps.", text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!["error"]!.GetValue<string>();
    }

    /// <summary>A body of unknown length (chunked transfer), written and flushed in small pieces.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _body.Length; offset += 700)
            {
                await stream.WriteAsync(_body.AsMemory(offset, Math.Min(700, _body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
