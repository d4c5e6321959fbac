using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// Step attempts of pipeline runs on the shared "ChurnOps" meter, so a server that runs the project's pipelines
/// exports its ingestion, training, scoring and SLA work at /metrics next to serving, each series owned by the
/// pipeline's team (the seeds' shared metrics with owner tags).
/// </summary>
internal static class PipelineMetrics
{
    private static readonly Meter Meter = new("ChurnOps");
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("churnops.pipeline.step_attempts", "{attempt}", "Pipeline step attempts, by pipeline, action, outcome and owner");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("churnops.pipeline.step_duration", "s", "Time a pipeline step attempt took");

    public static void Attempted(string pipeline, string action, string owner, bool succeeded, double seconds)
    {
        var tags = new TagList
        {
            { "pipeline", pipeline },
            { "action", action },
            { "owner", owner },
            { "outcome", succeeded ? "succeeded" : "failed" },
        };
        Attempts.Add(1, tags);
        Duration.Record(seconds, tags);
    }
}
