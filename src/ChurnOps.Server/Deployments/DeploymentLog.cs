namespace ChurnOps.Server.Deployments;

internal static partial class DeploymentLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Deployment {DeploymentId} of {Model} passed step {Step}: candidate version {Candidate} now at {Weight}% ({Status})")]
    public static partial void Advanced(ILogger logger, long deploymentId, string model, int step, int candidate, int weight, string status);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Deployment {DeploymentId} of {Model} rolled back: {Reason}")]
    public static partial void RolledBack(ILogger logger, long deploymentId, string model, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Deployment analysis failed; it runs again at the next check: {Error}")]
    public static partial void AnalysisFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Deployment {DeploymentId} of {Model} resumed at step {Step} ({Weight}% to version {Candidate})")]
    public static partial void Resumed(ILogger logger, long deploymentId, string model, int step, int weight, int candidate);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Deployment {DeploymentId} of {Model}: both arms loaded and the split's request path run {Rounds} times before its traffic, in {Milliseconds} ms")]
    public static partial void Warmed(ILogger logger, long deploymentId, string model, int rounds, double milliseconds);
}
