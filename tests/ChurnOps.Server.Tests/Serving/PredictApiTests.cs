using System.Text.Json;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Serving;

/// <summary>The native predict form over a real port: JSON rows, entity keys resolved through the online store, ProblemDetails.</summary>
public sealed class PredictApiTests(ModelServerFixture fixture) : IClassFixture<ModelServerFixture>
{
    private const string Rows = """
        {"rows": [{"customer_id": "C1", "tenure": 5, "monthly_charges": 80.5, "has_partner": true, "signup_at": 1748736000, "contract": "Month-to-month"},
                  {"tenure": 60, "monthly_charges": 30, "has_partner": false, "signup_at": 1600000000, "contract": "Two year"}]}
        """;

    [Fact]
    public async Task Predict_Rows_AnswersProbabilityDecisionVersionArmAndRequestIdPerRow()
    {
        var (status, body) = await fixture.Server.PostJsonAsync("/api/v1/predict/churn", Rows);
        var (_, mlflow) = await fixture.Server.PostJsonAsync("/invocations", Rows.Replace("\"rows\"", "\"dataframe_records\"", StringComparison.Ordinal));

        Assert.True(status == 200, body.ToString());
        Assert.Equal("churn", body.GetProperty("model").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("request_id").GetString()));
        var threshold = body.GetProperty("threshold").GetDouble();
        var rows = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("C1", rows[0].GetProperty("entity_id").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("entity_id").ValueKind);
        var expected = mlflow.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var probability = rows[i].GetProperty("probability").GetDouble();
            Assert.Equal(expected[i], probability, 6);
            Assert.Equal(probability >= threshold, rows[i].GetProperty("churn").GetBoolean());
            Assert.Equal(1, rows[i].GetProperty("model_version").GetInt32());
            Assert.Equal("stable", rows[i].GetProperty("arm").GetString());
        }
    }

    [Theory]
    [InlineData("""{"rows": [{"tenure": "five", "monthly_charges": 1, "has_partner": true, "signup_at": 1, "contract": "x"}]}""", "rows[0].tenure: expected a number, got a string")]
    [InlineData("""{"rows": []}""", "rows: is empty")]
    [InlineData("""{"rows": [{"tenure": 5}]}""", "missing required column(s)")]
    [InlineData("""{"row": []}""", "expected {\"rows\"")]
    [InlineData("""{"rows": [], "extra": 1}""", "unknown field 'extra'")]
    [InlineData("""{"rows": [""", "malformed JSON")]
    public async Task Predict_BadInput_Returns400ProblemDetails(string body, string expected)
    {
        var (status, text, response) = await fixture.Server.PostAsync("/api/v1/predict/churn", body);
        using (response)
        {
            Assert.Equal(400, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(expected, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Predict_UnknownModel_Returns404ProblemDetails()
    {
        var (status, text, response) = await fixture.Server.PostAsync("/api/v1/predict/nobody", Rows);
        response.Dispose();

        Assert.Equal(404, status);
        Assert.Contains("model 'nobody' is not registered", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_OnlyEntityKeys_ResolvesFeaturesThroughTheOnlineStore()
    {
        string? viewVersion = null;
        await using var server = await ScoringServer.StartAsync(async workspace =>
        {
            viewVersion = await MaterializeCustomersAsync(workspace);
            await RegisterWithViewAsync(workspace, viewVersion);
        });

        var (status, body) = await server.PostJsonAsync("/api/v1/predict/churn", """{"rows": [{"customer_id": "C1"}, {"customer_id": "C2"}]}""");
        var (missing, problem) = await server.PostJsonAsync("/api/v1/predict/churn", """{"rows": [{"customer_id": "C404"}]}""");

        Assert.True(status == 200, body.ToString());
        var rows = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(["C1", "C2"], rows.Select(r => r.GetProperty("entity_id").GetString()));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("probability").GetDouble(), 0, 1));
        Assert.NotEqual(rows[0].GetProperty("probability").GetDouble(), rows[1].GetProperty("probability").GetDouble());
        Assert.Equal(404, missing);
        Assert.Contains("C404", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> MaterializeCustomersAsync(ChurnOpsWorkspace workspace)
    {
        var features = Path.Combine(workspace.Layout.Root, "features");
        foreach (var file in Directory.GetFiles(features))
        {
            File.Delete(file);
        }

        await File.WriteAllTextAsync(Path.Combine(features, "customers.yaml"), "name: customers\nentity: customer_id\ntimestamp: event_timestamp\nttl: 30d\nfeatures:\n  - name: tenure\n  - name: monthly_charges\n  - name: contract\n");
        await File.WriteAllTextAsync(Path.Combine(features, "customers.sql"), "SELECT * FROM staging.source");
        await workspace.Warehouse.ExecuteAsync("""
            CREATE TABLE staging.source (customer_id VARCHAR, event_timestamp TIMESTAMP, tenure DOUBLE, monthly_charges DOUBLE, contract VARCHAR);
            INSERT INTO staging.source VALUES ('C1', '2024-01-01', 5, 80.5, 'Month-to-month'), ('C2', '2024-01-02', 60, 30, 'Two year');
            """, CancellationToken.None);
        var store = workspace.Services.GetRequiredService<FeatureStore>();
        Assert.True((await store.ApplyAsync(false, CancellationToken.None)).Succeeded);
        Assert.True((await store.BuildAsync(null, CancellationToken.None)).Succeeded);
        Assert.True((await store.MaterializeAsync(false, CancellationToken.None)).Succeeded);
        var online = await store.GetOnlineFeaturesAsync("customers", "C1", CancellationToken.None);
        Assert.NotNull(online);
        return online!.Version;
    }

    private static async Task RegisterWithViewAsync(ChurnOpsWorkspace workspace, string viewVersion)
    {
        await ScoringServer.RegisterModelAsync(workspace);
        var lineage = new ModelLineage(null, new Dictionary<string, string> { ["customers"] = viewVersion }, null, null, 42, "churned", null);
        var version = await workspace.Registry.RegisterAsync(new NewModelVersion("churn", "run-2", "models/churn/1/model.zip", "logreg", new Dictionary<string, double>(), lineage, "test", null), CancellationToken.None);
        await workspace.Registry.SetAliasAsync("churn", "champion", version.Version, CancellationToken.None);
    }
}
