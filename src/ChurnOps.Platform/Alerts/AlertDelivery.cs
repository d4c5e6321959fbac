using ChurnOps.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Alerts;

/// <summary>Hands a stored alert to each sink; a sink that fails (or throws) is logged and named, and the others still get it.</summary>
internal static class AlertDelivery
{
    public static async Task<List<string>> DeliverAsync(IEnumerable<IAlertSink> sinks, Alert stored, ILogger logger, CancellationToken ct)
    {
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
                AlertLog.DeliveryFailed(logger, stored.Id, stored.Type, stored.Team, sink.Name, error);
                errors.Add($"{sink.Name}: {error}");
            }
        }

        return errors;
    }
}
