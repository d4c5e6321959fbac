namespace ChurnOps.Server.Dashboard.Rendering;

internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 1701, Level = LogLevel.Error, Message = "Dashboard page {Path} failed; the visitor got the error page")]
    public static partial void PageFailed(ILogger logger, string path, Exception exception);
}
