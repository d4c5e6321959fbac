using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Serving;

/// <summary>The serving events an operator looks for: which model version answers, and when that changed.</summary>
internal static partial class ServingLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Model {Model}@{Alias} loaded: version {Version}, scored by {Scorer}")]
    public static partial void ModelLoaded(ILogger logger, string model, string alias, int version, string scorer);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Model {Model}@{Alias} swapped: version {OldVersion} -> {NewVersion}; requests in flight finish on {OldVersion}")]
    public static partial void ModelSwapped(ILogger logger, string model, string alias, int oldVersion, int newVersion);
}
