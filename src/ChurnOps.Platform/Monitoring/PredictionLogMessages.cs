using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Monitoring;

/// <summary>The prediction log's events, source-generated.</summary>
internal static partial class PredictionLogMessages
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Writing {Count} predictions to the warehouse failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void WriteFailed(ILogger logger, int count, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Spooled {Count} predictions the warehouse did not take before shutdown to {Path}")]
    public static partial void Spooled(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Replayed {Count} predictions from {Path} into the warehouse")]
    public static partial void Replayed(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Appending {Count} predictions to the journal {Path} failed; the requests are refused")]
    public static partial void JournalFailed(ILogger logger, int count, string path, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Journal segment {Path} ends in a torn record at line {Line}; the records before it are replayed")]
    public static partial void TornJournal(ILogger logger, string path, int line);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Opening the next journal segment in {Directory} failed; {Path} grows past its size until a later group succeeds")]
    public static partial void RotateFailed(ILogger logger, string directory, string path, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "The unused journal segment prepared in advance could not be removed; replay finds it empty and deletes it")]
    public static partial void UnusedSegmentLeft(ILogger logger, Exception exception);
}
