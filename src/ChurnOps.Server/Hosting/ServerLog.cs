using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Hosting;

/// <summary>What an operator needs to see about the server's life, source-generated (no allocation when filtered out).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Serving project {Project} on {Url}")]
    public static partial void Serving(ILogger logger, string project, string url);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Warehouse lease taken: {Warehouse} stays locked to this server until it stops")]
    public static partial void WarehouseLeaseTaken(ILogger logger, string warehouse);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Server stopping; warehouse lease released")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Predictions left by an earlier process are still being written after {Seconds} s; the server starts and the replay goes on in the background")]
    public static partial void ReplayContinues(ILogger logger, double seconds);
}
