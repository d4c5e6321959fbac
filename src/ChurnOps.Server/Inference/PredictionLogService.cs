using ChurnOps.Platform.Monitoring;

namespace ChurnOps.Server.Inference;

/// <summary>
/// Hosts the prediction log's writer loop for the life of the server, draining the queue on shutdown. What an earlier
/// process journaled or spooled is written before the server starts listening, so the warehouse is whole by the time the
/// server says it is ready.
/// </summary>
internal sealed class PredictionLogService(PredictionLog log) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await log.ReplayAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);
}
