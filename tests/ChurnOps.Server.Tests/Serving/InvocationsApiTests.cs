using System.Text.Json;
using ChurnOps.Platform.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Serving;

/// <summary>MLflow's scoring protocol over a real port: every input shape, CSV, and every kind of bad input.</summary>
public sealed class InvocationsApiTests(ModelServerFixture fixture) : IClassFixture<ModelServerFixture>
{
    private const string Split = """
        {"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"],
                             "data": [[5, 80.5, true, 1748736000, "Month-to-month"], [60, 30, false, 1600000000, "Two year"]]}}
        """;

    private ScoringServer Server => fixture.Server;

    [Fact]
    public async Task Invocations_DataframeSplit_AnswersTheSameProbabilitiesAsOpenInferenceProtocol()
    {
        var (status, body) = await Server.PostJsonAsync("/invocations", Split);
        var expected = await OipProbabilitiesAsync();

        Assert.Equal(200, status);
        var predictions = body.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToList();
        Assert.Equal(expected, predictions);
        Assert.NotEqual(predictions[0], predictions[1]);
        Assert.All(predictions, p => Assert.InRange(p, 0, 1));
    }

    [Theory]
    [InlineData("""{"dataframe_split": {"index": [7, 8], "columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": [[5, 80.5, 1, "2025-06-01T00:00:00Z", "Month-to-month"], [60, 30, 0, "2020-09-13T12:26:40Z", "Two year"]]}}""")]
    [InlineData("""{"dataframe_records": [{"tenure": 5, "monthly_charges": 80.5, "has_partner": true, "signup_at": 1748736000, "contract": "Month-to-month"}, {"contract": "Two year", "signup_at": 1600000000, "has_partner": false, "monthly_charges": 30, "tenure": 60}]}""")]
    [InlineData("""{"instances": [{"tenure": 5, "monthly_charges": 80.5, "has_partner": true, "signup_at": 1748736000, "contract": "Month-to-month", "customer_id": "C1"}, {"tenure": 60, "monthly_charges": 30, "has_partner": false, "signup_at": 1600000000, "contract": "Two year", "customer_id": 2}]}""")]
    [InlineData("""{"inputs": {"tenure": [5, 60], "monthly_charges": [80.5, 30], "has_partner": [true, false], "signup_at": [1748736000, 1600000000], "contract": ["Month-to-month", "Two year"]}, "params": {"ignored": 1}}""")]
    [InlineData("""{"inputs": [{"tenure": 5, "monthly_charges": 80.5, "has_partner": true, "signup_at": 1748736000, "contract": "Month-to-month"}, {"tenure": 60, "monthly_charges": 30, "has_partner": false, "signup_at": 1600000000, "contract": "Two year"}]}""")]
    public async Task Invocations_EveryJsonShape_AnswersTheSameProbabilities(string body)
    {
        var (status, answer) = await Server.PostJsonAsync("/invocations", body);
        var (_, reference) = await Server.PostJsonAsync("/invocations", Split);

        Assert.True(status == 200, answer.ToString());
        Assert.Equal(Probabilities(reference), Probabilities(answer));
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/csv; charset=utf-8")]
    public async Task Invocations_Csv_AnswersTheSameProbabilities(string contentType)
    {
        const string Csv = "customer_id,tenure,monthly_charges,has_partner,signup_at,contract\r\nC1,5,80.5,true,2025-06-01 00:00:00,Month-to-month\r\n\"C,2\",60,30,false,2020-09-13T12:26:40Z,\"Two year\"\r\n";

        var (status, answer) = await Server.PostJsonAsync("/invocations", Csv, contentType);
        var (_, reference) = await Server.PostJsonAsync("/invocations", Split);

        Assert.True(status == 200, answer.ToString());
        Assert.Equal(Probabilities(reference), Probabilities(answer));
    }

    [Fact]
    public async Task Invocations_CsvWithPandasIndexColumn_IgnoresTheIndex()
    {
        const string Csv = ",tenure,monthly_charges,has_partner,signup_at,contract\n0,5,80.5,true,1748736000,Month-to-month\n1,60,30,false,1600000000,Two year\n";

        var (status, answer) = await Server.PostJsonAsync("/invocations", Csv, "text/csv");
        var (_, reference) = await Server.PostJsonAsync("/invocations", Split);

        Assert.True(status == 200, answer.ToString());
        Assert.Equal(Probabilities(reference), Probabilities(answer));
    }

    [Fact]
    public async Task Invocations_MissingOptionalValues_ScoresTheRow()
    {
        var (status, answer) = await Server.PostJsonAsync("/invocations", """{"dataframe_records": [{"tenure": null, "monthly_charges": 50, "has_partner": null, "signup_at": null, "contract": null}]}""");

        Assert.Equal(200, status);
        Assert.InRange(Probabilities(answer).Single(), 0, 1);
    }

    [Theory]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at"], "data": [[5, 80.5, true, 1]]}}""", "missing required column(s): contract")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract", "shoe_size"], "data": [[5, 80.5, true, 1, "x", 44]]}}""", "column(s) not taken by the model: shoe_size")]
    [InlineData("""{"dataframe_records": [{"tenure": 5, "monthly_charges": 80.5, "has_partner": true, "signup_at": 1, "contract": "x", "shoe_size": 44}]}""", "column(s) not taken by the model: shoe_size")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": [[5, 80.5, true, 1, "x"], [5, 80.5, true]]}}""", "dataframe_split.data[1]: has 3 value(s) but 'columns' names 5")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": [["five", 80.5, true, 1, "x"]]}}""", "dataframe_split.data[0][0] (column 'tenure'): expected a number, got a string")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": [[5, 80.5, true, 1, 7]]}}""", "dataframe_split.data[0][4] (column 'contract'): expected a string, got a number")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": [[5, 80.5, 2, 1, "x"]]}}""", "(column 'has_partner'): expected a boolean (true/false/1/0), got a number")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": [[5, 80.5, true, "yesterday", "x"]]}}""", "(column 'signup_at'): expected a timestamp")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure"], "data": [[5]], "orient": "split"}}""", "dataframe_split: unknown field 'orient'")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": [[5, 80.5, true, 1, "x"]], "index": [1, 2]}}""", "dataframe_split.index: expected a list with one entry per row")]
    [InlineData("""{"dataframe_split": {"data": [[5]]}}""", "dataframe_split.columns: expected a list of column names")]
    [InlineData("""{"dataframe_split": {"columns": ["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], "data": []}}""", "dataframe_split.data: is empty")]
    [InlineData("""{"dataframe_records": []}""", "dataframe_records: is empty")]
    [InlineData("""{"instances": []}""", "instances: is empty")]
    [InlineData("""{"inputs": {}}""", "inputs: is empty")]
    [InlineData("""{"inputs": {"tenure": [], "contract": []}}""", "inputs: is empty")]
    [InlineData("""{"inputs": {"tenure": [1, 2], "monthly_charges": [1], "has_partner": [1, 0], "signup_at": [1, 2], "contract": ["a", "b"]}}""", "inputs.monthly_charges: has 1 value(s) but inputs.tenure has 2")]
    [InlineData("""{"instances": [[5, 80.5, true, 1, "x"]]}""", "instances[0]: expected a row object")]
    [InlineData("""{"instances": {"tenure": [5]}}""", "instances: expected a list of row objects")]
    [InlineData("""{"dataframe_records": [{"tenure": 5, "tenure": 6}], "extra": 1}""", "unknown field 'extra' next to 'dataframe_records'")]
    [InlineData("""{"data": [[1]]}""", "The input must be a JSON dictionary with exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}. Received dictionary with input fields: ['data'].")]
    [InlineData("""{"instances": [{}], "inputs": {}}""", "Received dictionary with input fields: ['instances', 'inputs']")]
    [InlineData("""[{"tenure": 5}]""", "exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}. Received a list.")]
    public async Task Invocations_BadInput_Returns400WithMlflowErrorShape(string body, string expected)
    {
        var (status, error) = await Server.PostJsonAsync("/invocations", body);

        Assert.Equal(400, status);
        Assert.Equal("BAD_REQUEST", error.GetProperty("error_code").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenure,contract\n5,x\n", "missing required column(s): monthly_charges, has_partner, signup_at")]
    [InlineData("tenure,monthly_charges,has_partner,signup_at,contract\n5,1,true,1,x,extra\n", "CSV line 2: has 6 field(s) but the header names 5")]
    [InlineData("tenure,monthly_charges,has_partner,signup_at,contract\nfive,1,true,1,x\n", "CSV line 2, column 'tenure': expected a number, got text")]
    [InlineData("tenure,monthly_charges,has_partner,signup_at,contract\n", "the CSV body has a header but no rows")]
    [InlineData("tenure,monthly_charges,has_partner,signup_at,contract\n5,1,true,1,\"x\n", "CSV line 2: a quoted field is not closed")]
    public async Task Invocations_BadCsv_Returns400WithMlflowErrorShape(string csv, string expected)
    {
        var (status, error) = await Server.PostJsonAsync("/invocations", csv, "text/csv");

        Assert.Equal(400, status);
        Assert.Equal("BAD_REQUEST", error.GetProperty("error_code").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_MalformedJson_Returns400InvalidParameterValue()
    {
        var (status, error) = await Server.PostJsonAsync("/invocations", """{"dataframe_split": {"columns": [""");

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.StartsWith("Invalid input. Ensure that input is a valid JSON formatted string. Error: malformed JSON at line 1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "This predictor only supports the following content types: ['text/csv', 'application/json']. Got 'text/plain'.")]
    [InlineData("application/json; charset=latin-1", "The scoring server only supports UTF-8")]
    [InlineData("application/json; format=pandas-split", "Unrecognized content type parameters: format.")]
    public async Task Invocations_WrongContentType_Returns415WithMlflowErrorShape(string contentType, string expected)
    {
        var (status, error) = await Server.PostJsonAsync("/invocations", Split, contentType);

        Assert.Equal(415, status);
        Assert.Equal("BAD_REQUEST", error.GetProperty("error_code").GetString());
        Assert.Equal(expected, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invocations_HugeUnknownColumnName_IsCutInTheMessage()
    {
        var name = new string('z', 100_000);
        var (status, text, response) = await Server.PostAsync("/invocations", $$"""{"dataframe_records": [{"{{name}}": 1}]}""");
        response.Dispose();

        Assert.Equal(400, status);
        Assert.True(text.Length < 2_000, $"the error echoes {text.Length} characters");
    }

    [Fact]
    public async Task Invocations_Answered_IsInThePredictionLogWithItsEntity()
    {
        var requestId = "mlflow-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/invocations", UriKind.Relative))
        {
            Content = new StringContent("""{"dataframe_records": [{"customer_id": "C-77", "tenure": 5, "monthly_charges": 80.5, "has_partner": true, "signup_at": 1748736000, "contract": "Month-to-month"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", requestId);
        using var response = await Server.Client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("x-model-version").Single());

        await Server.Services.GetRequiredService<PredictionLog>().FlushAsync(CancellationToken.None);
        var logged = await Server.Workspace.Warehouse.QueryAsync($"SELECT entity_id, model_version, source FROM monitoring.predictions WHERE prediction_id = '{requestId}'", CancellationToken.None);

        Assert.Equal(1, logged.RowCount);
        Assert.Equal("C-77", logged["entity_id"].Texts![0]);
        Assert.Equal(1, logged["model_version"].WholeAt(0));
        Assert.Equal("online", logged["source"].Texts![0]);
    }

    [Fact]
    public async Task Version_Get_ReturnsTheServerVersionAsText()
    {
        var (status, text) = await Server.GetAsync("/version");

        Assert.Equal(200, status);
        Assert.Matches(@"^\d+\.\d+\.\d+", text);
    }

    private async Task<List<double>> OipProbabilitiesAsync()
    {
        const string Oip = """
            {"inputs": [
              {"name": "tenure", "shape": [2], "datatype": "FP64", "data": [5, 60]},
              {"name": "monthly_charges", "shape": [2], "datatype": "FP64", "data": [80.5, 30]},
              {"name": "has_partner", "shape": [2], "datatype": "BOOL", "data": [true, false]},
              {"name": "signup_at", "shape": [2], "datatype": "FP64", "data": [1748736000, 1600000000]},
              {"name": "contract", "shape": [2], "datatype": "BYTES", "data": ["Month-to-month", "Two year"]}]}
            """;
        var (status, body) = await Server.PostJsonAsync("/v2/models/churn/infer", Oip);
        Assert.True(status == 200, body.ToString());
        return body.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(p => p.GetDouble()).ToList();
    }

    private static List<double> Probabilities(JsonElement answer) =>
        answer.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToList();
}
