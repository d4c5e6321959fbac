using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Tests.Logging;

/// <summary>Keeps every event it is given (level, id and rendered message), for asserting what an operator would see.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _events = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_events)
        {
            _events.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
