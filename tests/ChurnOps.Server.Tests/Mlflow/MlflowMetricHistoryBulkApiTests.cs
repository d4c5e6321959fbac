using System.Text.Json;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>The chart reads of MLflow's UI, with the query strings its frontend builds.</summary>
public sealed class MlflowMetricHistoryBulkApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Fact]
    public async Task GetHistoryBulkInterval_TwoRunsMaxThree_ReturnsSampledStepsPlusEachRunsEndsInRequestOrder()
    {
        var (a, b) = await TwoRunsAsync();

        var (status, body) = await server.GetAsync($"/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids={b}&run_ids={a}&metric_key=loss&max_results=3");

        // 10 distinct steps sampled to 3 (0, 3, 6) plus the last (9), plus run b's last step (4).
        Assert.Equal(200, status);
        var points = Points(body);
        Assert.Equal([(b, 0L), (b, 3L), (b, 4L), (a, 0L), (a, 3L), (a, 4L), (a, 6L), (a, 9L)], points.Select(p => (p.RunId, p.Step)));
        var first = body.GetProperty("metrics")[0];
        Assert.Equal("loss", first.GetProperty("key").GetString());
        Assert.Equal(1.0, first.GetProperty("value").GetDouble());
        Assert.Equal(1700000000000, first.GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task GetHistoryBulkInterval_StepRangeOnApiPrefixWithBracketKeys_ReturnsOnlyStepsInRange()
    {
        var (a, b) = await TwoRunsAsync();

        var (status, body) = await server.GetAsync($"/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids[]={a}&run_ids[]={b}&metric_key=loss&start_step=2&end_step=5");

        Assert.Equal(200, status);
        Assert.Equal([(a, 2L), (a, 3L), (a, 4L), (a, 5L), (b, 2L), (b, 3L), (b, 4L)], Points(body).Select(p => (p.RunId, p.Step)));
    }

    [Fact]
    public async Task GetHistoryBulkInterval_UnknownRunOrMetric_ReturnsEmptyObjectAsProtobufDoes()
    {
        var (a, _) = await TwoRunsAsync();

        var (unknownRun, runBody) = await server.GetAsync("/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=nope&metric_key=loss");
        var (unknownKey, keyBody) = await server.GetAsync($"/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids={a}&metric_key=nope");

        Assert.Equal(200, unknownRun);
        Assert.Equal(200, unknownKey);
        Assert.False(runBody.TryGetProperty("metrics", out _));
        Assert.False(keyBody.TryGetProperty("metrics", out _));
    }

    [Theory]
    [InlineData("metric_key=loss", "run_ids")]
    [InlineData("run_ids=x", "metric_key")]
    [InlineData("run_ids=x&metric_key=loss&max_results=0", "max_results must be between 1 and 2500")]
    [InlineData("run_ids=x&metric_key=loss&max_results=2501", "max_results must be between 1 and 2500")]
    [InlineData("run_ids=x&metric_key=loss&max_results=ten", "max_results")]
    [InlineData("run_ids=x&metric_key=loss&start_step=3", "both must be specified")]
    [InlineData("run_ids=x&metric_key=loss&start_step=5&end_step=2", "end_step must be greater than start_step")]
    public async Task GetHistoryBulkInterval_BadQuery_Returns400WithReason(string query, string reason)
    {
        var (status, body) = await server.GetAsync("/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?" + query);

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        Assert.Contains(reason, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoryBulkInterval_101RunIds_Returns400()
    {
        var query = string.Join("&", Enumerable.Range(0, 101).Select(i => "run_ids=r" + i));

        var (status, body) = await server.GetAsync($"/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?{query}&metric_key=loss");

        Assert.Equal(400, status);
        Assert.Contains("at most 100 run_ids. Received 101", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoryBulk_AjaxOnly_ReturnsEveryPointWithRunIdSortedByRunIdAndCapped()
    {
        var (a, b) = await TwoRunsAsync();
        var (first, last) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

        var (status, body) = await server.GetAsync($"/ajax-api/2.0/mlflow/metrics/get-history-bulk?run_id={last}&run_id={first}&metric_key=loss");
        var (_, capped) = await server.GetAsync($"/ajax-api/2.0/mlflow/metrics/get-history-bulk?run_id={a}&run_id={b}&metric_key=loss&max_results=4");
        var (apiStatus, _) = await server.GetAsync($"/api/2.0/mlflow/metrics/get-history-bulk?run_id={a}&metric_key=loss");

        Assert.Equal(200, status);
        var points = Points(body);
        Assert.Equal(15, points.Count);
        Assert.Equal(first, points[0].RunId);
        Assert.Equal(last, points[^1].RunId);
        Assert.Equal(4, capped.GetProperty("metrics").GetArrayLength());
        Assert.Equal(404, apiStatus);
    }

    [Theory]
    [InlineData("metric_key=loss", "at least one run_id")]
    [InlineData("run_id=x", "must specify a metric_key")]
    [InlineData("run_id=x&metric_key=loss&max_results=-1", "max_results")]
    public async Task GetHistoryBulk_BadQuery_Returns400(string query, string reason)
    {
        var (status, body) = await server.GetAsync("/ajax-api/2.0/mlflow/metrics/get-history-bulk?" + query);

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        Assert.Contains(reason, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Run a logs loss at steps 0..9, run b at steps 0..4, through log-batch as the Python client does.</summary>
    private async Task<(string A, string B)> TwoRunsAsync()
    {
        var (experimentId, a) = await server.NewRunAsync();
        var (_, created) = await server.PostAsync("/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}", "start_time": 1700000000000}""");
        var b = created.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
        foreach (var (run, steps) in new[] { (a, 10), (b, 5) })
        {
            var metrics = string.Join(", ", Enumerable.Range(0, steps).Select(s => $$"""{"key": "loss", "value": {{1.0 / (s + 1)}}, "timestamp": {{1700000000000 + s}}, "step": {{s}}}"""));
            var (status, _) = await server.PostAsync("/api/2.0/mlflow/runs/log-batch", $$"""{"run_id": "{{run}}", "metrics": [{{metrics}}]}""");
            Assert.Equal(200, status);
        }

        return (a, b);
    }

    private static List<(string RunId, long Step)> Points(JsonElement body) =>
        body.GetProperty("metrics").EnumerateArray().Select(m => (m.GetProperty("run_id").GetString()!, m.GetProperty("step").GetInt64())).ToList();
}
