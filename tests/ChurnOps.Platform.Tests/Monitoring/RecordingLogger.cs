using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Tests.Monitoring;

/// <summary>Keeps every event logged to it (id and message), for asserting what a component reported.</summary>
internal sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Events { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Events.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }
}
