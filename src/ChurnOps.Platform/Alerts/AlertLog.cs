using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Alerts;

internal static partial class AlertLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Alert {AlertId} ({Type} for {Team}) not delivered by {Sink}: {Error}")]
    public static partial void DeliveryFailed(ILogger logger, long alertId, string type, string team, string sink, string error);
}
