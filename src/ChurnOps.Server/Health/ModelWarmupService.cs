using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Health;

/// <summary>
/// Loads and warms the served model in the background once the server listens, so probes turn ready without waiting
/// for traffic and the first request does not pay for the load; while the model is missing or broken it checks again.
/// </summary>
internal sealed class ModelWarmupService(ModelReadiness readiness, ChurnOpsWorkspace workspace, IHostApplicationLifetime lifetime, ILogger<ModelWarmupService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the server listens: a start that fails (a port in use) prints its one error line and nothing else.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if ((await readiness.CheckServingAsync(stoppingToken).ConfigureAwait(false)).Ready)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A registry or artifact store that fails now may answer later; the server must not stop over it.
                HealthLog.NotReady(logger, workspace.Config.Model.Name, ex.Message.ReplaceLineEndings(" "));
            }

            await Task.Delay(RetryInterval, workspace.Time, stoppingToken).ConfigureAwait(false);
        }
    }
}
