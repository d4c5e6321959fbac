using ChurnOps.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Alerts;

/// <summary>Writes alerts to the log; the default sink, always on.</summary>
public sealed partial class LogAlertSink(ILogger<LogAlertSink> logger) : IAlertSink
{
    public string Name => "log";

    public Task<string?> DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Raised(logger, alert.Type, alert.Team, alert.Message);
        return Task.FromResult<string?>(null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Type} for {Team}: {Message}")]
    private static partial void Raised(ILogger logger, string type, string team, string message);
}
