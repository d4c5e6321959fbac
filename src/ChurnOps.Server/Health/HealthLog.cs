using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Health;

/// <summary>Readiness events, source-generated: when the served model became ready, and why it is not.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Model {Model} version {Version} is ready: loaded, warm-up scored in {Milliseconds} ms")]
    public static partial void WarmedUp(ILogger logger, string model, int version, double milliseconds);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Model {Model} is not ready: {Reason}")]
    public static partial void NotReady(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Warm-up scoring of model {Model} version {Version} failed")]
    public static partial void WarmupFailed(ILogger logger, string model, int version, Exception exception);
}
