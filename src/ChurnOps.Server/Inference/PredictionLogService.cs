using ChurnOps.Platform.Monitoring;

namespace ChurnOps.Server.Inference;

/// <summary>Hosts the prediction log's writer loop for the life of the server, draining the queue on shutdown.</summary>
internal sealed class PredictionLogService(PredictionLog log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);
}
