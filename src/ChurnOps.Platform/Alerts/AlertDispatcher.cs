using ChurnOps.Core.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Alerts;

/// <summary>Records an alert, then hands it to every sink; a sink that fails is reported, never allowed to stop the others.</summary>
public sealed class AlertDispatcher(IAlertStore store, IReadOnlyList<IAlertSink> sinks, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<(Alert Alert, IReadOnlyList<string> DeliveryErrors)> RaiseAsync(Alert alert, CancellationToken ct)
    {
        var stored = await store.AddAsync(alert, ct).ConfigureAwait(false);
        var errors = new List<string>();
        foreach (var sink in sinks)
        {
            string? error;
            try
            {
                error = await sink.DeliverAsync(stored, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = ex.Message;
            }

            if (error is not null)
            {
                AlertLog.DeliveryFailed(_logger, stored.Id, stored.Type, stored.Team, sink.Name, error);
                errors.Add($"{sink.Name}: {error}");
            }
        }

        return (stored, errors);
    }
}
