using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Pipelines;

/// <summary>Runs the <see cref="PipelineScheduler"/> inside a host (`churnops serve`) unless pipelines.run_in_serve is false.</summary>
public sealed partial class PipelineHostedService(PipelineScheduler scheduler, ProjectConfig config, ILogger<PipelineHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.Pipelines.RunInServe)
        {
            return;
        }

        // Leave the host's start-up first: the worker's first pass reads files and the database.
        await Task.Yield();
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
