using ChurnOps.Core.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Alerts;

/// <summary>
/// Records an alert, then hands it to every sink; a sink that fails is reported, never allowed to stop the others.
/// When the store keeps alert lifecycles, an alert is raised once per cause (an SLA alert's cause is its contract,
/// table and SLA): while the first is open or acked, raising it again returns that one and delivers nothing.
/// </summary>
public sealed class AlertDispatcher(IAlertStore store, IReadOnlyList<IAlertSink> sinks, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<(Alert Alert, IReadOnlyList<string> DeliveryErrors)> RaiseAsync(Alert alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Alert stored;
        if (store is IAlertLifecycle lifecycle)
        {
            var (raised, created) = await lifecycle.RaiseOnceAsync(
                alert with { Cause = alert.Cause ?? DefaultCause(alert), Runbook = alert.Runbook ?? Runbooks.For(alert.Type) }, ct).ConfigureAwait(false);
            if (!created)
            {
                return (raised, []);
            }

            stored = raised;
        }
        else
        {
            stored = await store.AddAsync(alert, ct).ConfigureAwait(false);
        }

        var errors = await AlertDelivery.DeliverAsync(sinks, stored, _logger, ct).ConfigureAwait(false);
        return (stored, errors);
    }

    /// <summary>SLA alerts repeat per contract, table and SLA; other alerts without a cause are never merged.</summary>
    private static string? DefaultCause(Alert alert) =>
        alert.Type == Alert.DataSlaViolation ? $"sla:{alert.Subject}:{alert.Rule}" : null;
}
