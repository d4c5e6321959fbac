using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Pipelines;

/// <summary>Runs the <see cref="PipelineScheduler"/> inside a host (`churnops serve`) unless pipelines.run_in_serve is false.</summary>
public sealed partial class PipelineHostedService(PipelineScheduler scheduler, ProjectConfig config, IHostApplicationLifetime lifetime, ILogger<PipelineHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.Pipelines.RunInServe)
        {
            return;
        }

        // Start once the host is up (listening): a server that fails to start schedules nothing and logs only its error.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        try
        {
            await scheduler.RunAsync(line => Report(logger, line), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The scheduler failing must not take the server (and its inference endpoints) down.
            Failed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "pipelines: {Line}")]
    private static partial void Report(ILogger logger, string line);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "pipelines: the scheduler stopped")]
    private static partial void Failed(ILogger logger, Exception exception);
}
