using System.Text.Json;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>runs/search with MLflow's datasets.name / datasets.digest / datasets.context filters, and values that look like SQL.</summary>
public sealed class MlflowSearchDatasetsApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Theory]
    [InlineData("datasets.name = 'customers'", "train,eval")]
    [InlineData("dataset.digest = 'd2'", "eval")]
    [InlineData("datasets.digest != 'd2'", "train,other")]
    [InlineData("datasets.context = 'training'", "train,other")]
    [InlineData("datasets.context IN ('evaluation', 'nope')", "eval")]
    [InlineData("datasets.name NOT IN ('customers')", "other")]
    [InlineData("datasets.name LIKE 'cust%'", "train,eval")]
    [InlineData("datasets.name ILIKE 'CUST%'", "train,eval")]
    [InlineData("datasets.name = 'customers' AND datasets.context = 'training' AND metrics.auc > 0.5", "train")]
    [InlineData("datasets.name = 'x'' OR ''1''=''1'", "")]
    [InlineData("datasets.name IN ('customers', 'x''); DROP TABLE tracking_inputs; --')", "train,eval")]
    public async Task SearchRuns_DatasetFilter_ReturnsRunsWithAMatchingInput(string filter, string expected)
    {
        var (experimentId, runs) = await SeedAsync();

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", Request(experimentId, filter));

        Assert.Equal(200, status);
        List<string> names = body.TryGetProperty("runs", out var found) ? found.EnumerateArray().Select(r => runs[r.GetProperty("info").GetProperty("run_id").GetString()!]).Order(StringComparer.Ordinal).ToList() : [];
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), names);
        var (_, all) = await server.PostAsync("/api/2.0/mlflow/runs/search", Request(experimentId, null));
        Assert.Equal(3, all.GetProperty("runs").GetArrayLength());
    }

    [Theory]
    [InlineData("datasets.schema = 'x'", "Invalid dataset key 'schema'")]
    [InlineData("datasets.name > 'a'", "Comparator '>' is not supported")]
    [InlineData("datasets.name = 3", "Expected a quoted string")]
    [InlineData("datasets.name = 'a'; DELETE FROM tracking_inputs", "Invalid character ';'")]
    [InlineData("datasets.name IS NULL", "not supported")]
    public async Task SearchRuns_BadDatasetFilter_Returns400(string filter, string reason)
    {
        var (experimentId, _) = await SeedAsync();

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", Request(experimentId, filter));

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        Assert.Contains(reason, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchRuns_OrderByDataset_Returns400()
    {
        var (experimentId, _) = await SeedAsync();

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"], "order_by": ["datasets.name ASC"]}""");

        Assert.Equal(400, status);
        Assert.Contains("Ordering by datasets is not supported", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Request(string experimentId, string? filter) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["experiment_ids"] = new[] { experimentId }, ["filter"] = filter, ["max_results"] = 100 });

    /// <summary>Three runs: train (customers/d1 as training), eval (customers/d2 as evaluation), other (events/d3 as training).</summary>
    private async Task<(string ExperimentId, Dictionary<string, string> Runs)> SeedAsync()
    {
        var (_, experiment) = await server.PostAsync("/api/2.0/mlflow/experiments/create", $$"""{"name": "datasets-{{Guid.NewGuid():N}}"}""");
        var experimentId = experiment.GetProperty("experiment_id").GetString()!;
        var runs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, dataset, digest, context) in new[] { ("train", "customers", "d1", "training"), ("eval", "customers", "d2", "evaluation"), ("other", "events", "d3", "training") })
        {
            var (_, created) = await server.PostAsync("/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}", "run_name": "{{name}}"}""");
            var runId = created.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
            runs[runId] = name;
            var inputs = $$"""
                {"run_id": "{{runId}}", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "{{context}}"}],
                 "dataset": {"name": "{{dataset}}", "digest": "{{digest}}", "source_type": "local", "source": "/data/{{dataset}}.parquet"} }]}
                """;
            Assert.Equal(200, (await server.PostAsync("/api/2.0/mlflow/runs/log-inputs", inputs)).Status);
            await server.PostAsync("/api/2.0/mlflow/runs/log-metric", $$"""{"run_id": "{{runId}}", "key": "auc", "value": 0.8, "timestamp": 1, "step": 0}""");
        }

        return (experimentId, runs);
    }
}
