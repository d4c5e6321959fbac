using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Hosting;

/// <summary>
/// The server's one log filter. ChurnOps' categories log at the configured level; ASP.NET Core's ("Microsoft.*",
/// "System.*") at <see cref="FrameworkLevel"/>. Until the server has started, the framework's errors are held back: a
/// start-up failure (busy port, bad address, locked warehouse) is reported once, as the one-line error of
/// <see cref="ServerStartup"/>, not as kilobytes of host log with stack traces.
/// </summary>
internal sealed class StartupLogGate(LogLevel level, LogLevel frameworkLevel)
{
    private volatile bool _started;

    public LogLevel Level => level;

    public LogLevel FrameworkLevel => frameworkLevel;

    public void Open() => _started = true;

    public bool Allows(string? category, LogLevel eventLevel)
    {
        var framework = category is not null && (category.StartsWith("Microsoft.", StringComparison.Ordinal) || category.StartsWith("System.", StringComparison.Ordinal));
        if (!framework)
        {
            return eventLevel >= level;
        }

        return eventLevel >= frameworkLevel && (_started || eventLevel < LogLevel.Error);
    }
}
