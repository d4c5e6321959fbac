using System.Globalization;
using Quartz;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// The Quartz job of a pipeline's cron trigger: queues the run of the instant Quartz scheduled (not the one it got round
/// to firing at). In a cluster, a firing whose process died mid-job is re-run by another process as a recovery firing,
/// which carries the original instant in its data; the run's unique key per instant absorbs a repeat.
/// </summary>
internal sealed class ScheduledPipelineJob(ScheduledFireSink sink) : IJob
{
    public const string PipelineKey = "pipeline";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipeline = context.MergedJobDataMap.GetString(PipelineKey);
        if (pipeline is null)
        {
            return;
        }

        var instant = context.Recovering
            ? OriginalInstant(context.MergedJobDataMap.GetString(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime))
            : context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        if (instant is { } fire)
        {
            await sink.FireAsync(pipeline, fire, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The recovered firing's scheduled instant as Quartz wrote it (a date, or epoch milliseconds); null if neither.</summary>
    private static DateTimeOffset? OriginalInstant(string? text) =>
        text is null ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : null;
}
