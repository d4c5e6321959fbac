using Quartz;

namespace ChurnOps.Platform.Pipelines;

/// <summary>The Quartz job of a pipeline's cron trigger: queues the run of the instant Quartz scheduled (not the one it got round to firing at).</summary>
internal sealed class ScheduledPipelineJob(ScheduledFireSink sink) : IJob
{
    public const string PipelineKey = "pipeline";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipeline = context.MergedJobDataMap.GetString(PipelineKey);
        if (pipeline is not null)
        {
            await sink.FireAsync(pipeline, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, cancellationToken).ConfigureAwait(false);
        }
    }
}
