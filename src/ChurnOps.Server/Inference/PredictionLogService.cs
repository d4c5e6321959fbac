using ChurnOps.Platform.Monitoring;
using ChurnOps.Server.Hosting;

namespace ChurnOps.Server.Inference;

/// <summary>
/// Hosts the prediction log's writer loop for the life of the server, draining the queue on shutdown. What an earlier
/// process journaled or spooled is written before the server starts listening, so the warehouse is whole by the time the
/// server says it is ready; a warehouse that will not take it within the start-up budget does not keep the server from
/// starting (the replay goes on in the background, ahead of any new prediction).
/// </summary>
internal sealed class PredictionLogService(PredictionLog log, ILogger<PredictionLogService> logger) : BackgroundService
{
    private static readonly TimeSpan StartupReplayBudget = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await log.ReplayAsync(cancellationToken).WaitAsync(StartupReplayBudget, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still replaying (a busy or failing warehouse, retried with backoff): the writer loop waits for it.
            ServerLog.ReplayContinues(logger, StartupReplayBudget.TotalSeconds);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);
}
