using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// `logging:` in churnops.yaml. <see cref="Level"/> is the minimum level of ChurnOps' own events; ASP.NET Core's request
/// and hosting logs stay at Warning unless the level is debug or trace (a request writes four lines at Information).
/// </summary>
public sealed class LoggingSettings
{
    public static readonly string[] LevelNames = ["trace", "debug", "information", "warning", "error", "critical", "none"];

    public string Level { get; set; } = "information";

    /// <summary>Reads a level name (case-insensitive; "info" and "warn" too).</summary>
    public static bool TryParseLevel(string? text, out LogLevel level)
    {
        level = text?.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" or "info" => LogLevel.Information,
            "warning" or "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" => LogLevel.None,
            _ => (LogLevel)(-1),
        };
        return level >= LogLevel.Trace;
    }

    public LogLevel MinimumLevel => TryParseLevel(Level, out var level) ? level : LogLevel.Information;

    public IEnumerable<string> Validate(string path)
    {
        if (!TryParseLevel(Level, out _))
        {
            yield return $"{path}.level: must be one of {string.Join(", ", LevelNames)} (got '{Level}')";
        }
    }
}
