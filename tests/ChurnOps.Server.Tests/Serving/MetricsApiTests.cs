using System.Globalization;
using System.Text.RegularExpressions;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Server.Tests.Deployments;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Serving;

/// <summary>/metrics in Prometheus text over a real port: request counters with the owner label, and the prediction log's health.</summary>
/// <remarks>Alone: another test's server in this process reports the same observable series, and the last callback wins.</remarks>
[Collection(ServingMetricsCollection.Name)]
public sealed partial class MetricsApiTests
{
    private const string Row = """{"dataframe_records": [{"tenure": 5, "monthly_charges": 80.5, "has_partner": true, "signup_at": 1748736000, "contract": "Month-to-month"}]}""";

    [Fact]
    public async Task Metrics_AfterScoringRequests_CountsThemByProtocolModelVersionArmAndOwner()
    {
        await using var server = await ScoringServer.StartWithModelAsync();

        Assert.Equal(200, (await server.PostJsonAsync("/invocations", Row)).Status);
        Assert.Equal(200, (await server.PostJsonAsync("/invocations", Row)).Status);
        Assert.Equal(400, (await server.PostJsonAsync("/invocations", """{"dataframe_records": []}""")).Status);
        var (status, text) = await server.GetAsync("/metrics");

        Assert.Equal(200, status);
        var ok = Sample(text, "churnops_serving_requests_total", "code=\"200\"", "protocol=\"mlflow\"");
        Assert.True(ok >= 2, text);
        var line = Lines(text, "churnops_serving_requests_total", "code=\"200\"", "protocol=\"mlflow\"").First();
        Assert.Contains("owner=\"mlops-team\"", line, StringComparison.Ordinal);
        Assert.Contains("model=\"churn\"", line, StringComparison.Ordinal);
        Assert.Contains("version=\"1\"", line, StringComparison.Ordinal);
        Assert.Contains("arm=\"stable\"", line, StringComparison.Ordinal);
        Assert.True(Sample(text, "churnops_serving_errors_total", "code=\"400\"", "protocol=\"mlflow\"") >= 1, text);
        Assert.True(Sample(text, "churnops_serving_request_duration_seconds_count", "protocol=\"mlflow\"", "code=\"200\"") >= 2, text);
        // The latency buckets are the meter's own (sub-millisecond up), not the exporter's defaults.
        Assert.Single(Lines(text, "churnops_serving_request_duration_seconds_bucket", "protocol=\"mlflow\"", "code=\"200\"", "le=\"0.0005\""));
        Assert.Contains("churnops_predictions_queue_depth{", text, StringComparison.Ordinal);
        Assert.Contains("churnops_predictions_spool_size_bytes{", text, StringComparison.Ordinal);
        Assert.Contains("churnops_predictions_written_total{", text, StringComparison.Ordinal);
        Assert.Contains("churnops_predictions_journal_failures_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OpenInferenceProtocolRequest_IsCountedUnderOip()
    {
        await using var server = await ScoringServer.StartWithModelAsync();
        const string Oip = """{"inputs": [{"name": "tenure", "shape": [1], "datatype": "FP64", "data": [5]}, {"name": "monthly_charges", "shape": [1], "datatype": "FP64", "data": [80]}, {"name": "has_partner", "shape": [1], "datatype": "BOOL", "data": [true]}, {"name": "signup_at", "shape": [1], "datatype": "FP64", "data": [1]}, {"name": "contract", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}""";

        Assert.Equal(200, (await server.PostJsonAsync("/v2/models/churn/infer", Oip)).Status);
        Assert.Equal(404, (await server.PostJsonAsync("/v2/models/no-such-model/infer", Oip)).Status);
        var (_, text) = await server.GetAsync("/metrics");

        Assert.True(Sample(text, "churnops_serving_requests_total", "protocol=\"oip\"", "model=\"churn\"", "code=\"200\"") >= 1, text);
        // A model name the registry does not know never becomes a label of its own.
        Assert.DoesNotContain("no-such-model", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "churnops_serving_errors_total", "protocol=\"oip\"", "model=\"unresolved\"", "code=\"404\"") >= 1, text);
    }

    [Fact]
    public async Task Metrics_PredictionLogWriteFailure_IsCounted()
    {
        // A monitoring.predictions of the wrong shape: every write of the log fails until it is put right.
        await using var server = await ScoringServer.StartAsync(async workspace =>
        {
            await ScoringServer.RegisterModelAsync(workspace);
            await workspace.Warehouse.ExecuteAsync("CREATE SCHEMA IF NOT EXISTS monitoring; CREATE TABLE monitoring.predictions (only_column INTEGER)", CancellationToken.None);
        });

        Assert.Equal(200, (await server.PostJsonAsync("/invocations", Row)).Status);
        var log = server.Services.GetRequiredService<PredictionLog>();
        Assert.True(await ScoringServer.EventuallyAsync(() => Task.FromResult(log.FailedWrites > 0)), "the broken table never failed a write");
        var (_, text) = await server.GetAsync("/metrics");

        Assert.True(Sample(text, "churnops_predictions_write_failures_total") >= 1, text);
        Assert.Contains("owner=\"mlops-team\"", Lines(text, "churnops_predictions_write_failures_total").First(), StringComparison.Ordinal);

        // Put right, the retried batch goes in: nothing was lost.
        await server.Workspace.Warehouse.ExecuteAsync("DROP TABLE monitoring.predictions", CancellationToken.None);
        Assert.True(await ScoringServer.EventuallyAsync(() => Task.FromResult(log.Written >= 1), TimeSpan.FromSeconds(30)), "the retried batch never reached the warehouse");
    }

    /// <summary>The sum of a metric's samples whose labels contain every fragment.</summary>
    private static double Sample(string text, string metric, params string[] labels) =>
        Lines(text, metric, labels).Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static IEnumerable<string> Lines(string text, string metric, params string[] labels) =>
        text.Split('\n').Where(l => MetricName().Match(l) is { Success: true } m && m.Groups[1].Value == metric && labels.All(f => l.Contains(f, StringComparison.Ordinal)));

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]")]
    private static partial Regex MetricName();
}
