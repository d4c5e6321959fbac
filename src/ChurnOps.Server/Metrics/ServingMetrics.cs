using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Metrics;

/// <summary>
/// The server's shared metrics on the "ChurnOps" meter, exported at /metrics in Prometheus text: scoring requests,
/// their latency and errors by protocol, model, version and deployment arm, and the prediction log's health (queue
/// depth, write failures, spool size). Every series carries the <c>owner</c> tag: the team that answers for it.
/// </summary>
internal sealed class ServingMetrics : IDisposable
{
    public const string MeterName = "ChurnOps";

    // Sub-millisecond to seconds: the latency target is under 100 ms at p99, so most buckets sit below it.
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    public ServingMetrics(IMeterFactory meters, ChurnOpsWorkspace workspace, PredictionLog predictions)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(predictions);
        Owner = OwnerOf(workspace.Config);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("churnops.serving.requests", "{request}", "Scoring requests answered, by protocol, model, version, arm and status code");
        _errors = _meter.CreateCounter<long>("churnops.serving.errors", "{request}", "Scoring requests answered with a 4xx or 5xx status");
        _duration = _meter.CreateHistogram("churnops.serving.request.duration", "s", "Time to answer a scoring request", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

        var owner = new KeyValuePair<string, object?>("owner", Owner);
        _meter.CreateObservableGauge("churnops.predictions.queue_depth", () => new Measurement<long>(predictions.Queued, owner), "{prediction}", "Predictions waiting for the warehouse writer");
        _meter.CreateObservableCounter("churnops.predictions.written", () => new Measurement<long>(predictions.Written, owner), "{prediction}", "Predictions written to monitoring.predictions");
        _meter.CreateObservableCounter("churnops.predictions.write_failures", () => new Measurement<long>(predictions.FailedWrites, owner), "{failure}", "Warehouse writes of the prediction log that failed (each retried)");
        _meter.CreateObservableCounter("churnops.predictions.journal_failures", () => new Measurement<long>(predictions.JournalFailures, owner), "{failure}", "Journal appends that failed (those requests were refused)");
        _meter.CreateObservableGauge("churnops.predictions.spool_size", () => new Measurement<long>(predictions.SpoolBytes, owner), "By", "Bytes of predictions spooled to disk, waiting for the next start");
    }

    /// <summary>The team named as owner of the serving metrics: the project's MLOps team (deploy, serve, monitor), else its first team.</summary>
    public string Owner { get; }

    /// <summary>One answered scoring request; tags go on the stack (TagList holds up to eight without allocating).</summary>
    public void RecordRequest(string protocol, string model, string version, string arm, int status, double seconds)
    {
        var tags = new TagList
        {
            { "protocol", protocol },
            { "model", model },
            { "version", version },
            { "arm", arm },
            { "owner", Owner },
            { "code", StatusText(status) },
        };
        _requests.Add(1, tags);
        _duration.Record(seconds, tags);
        if (status >= 400)
        {
            _errors.Add(1, tags);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static string OwnerOf(ProjectConfig config) =>
        (config.Teams.FirstOrDefault(t => string.Equals(t.Role, "mlops", StringComparison.OrdinalIgnoreCase)) ?? config.Teams.FirstOrDefault())?.Name is { Length: > 0 } name
            ? name
            : "unowned";

    /// <summary>Status codes as interned text: a bounded label set, and no number formatting per request.</summary>
    private static string StatusText(int status) => status switch
    {
        200 => "200",
        400 => "400",
        404 => "404",
        409 => "409",
        413 => "413",
        415 => "415",
        422 => "422",
        500 => "500",
        503 => "503",
        < 400 => "2xx",
        < 500 => "4xx",
        _ => "5xx",
    };
}
