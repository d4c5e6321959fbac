using System.CommandLine;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Cli.Commands;

internal static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one machine-readable JSON document instead of tables.",
        Recursive = true,
    };

    public static readonly Option<string?> LogLevel = new("--log-level")
    {
        Description = "Minimum log level: trace, debug, information, warning, error, critical, none (default: logging.level in churnops.yaml).",
        Recursive = true,
    };

    /// <summary>The --log-level given, null when none was; an unknown name is an error.</summary>
    public static (LogLevel? Level, string? Error) ReadLogLevel(ParseResult parse)
    {
        var text = parse.GetValue(LogLevel);
        if (text is null)
        {
            return (null, null);
        }

        return LoggingSettings.TryParseLevel(text, out var level)
            ? (level, null)
            : (null, $"--log-level must be one of {string.Join(", ", LoggingSettings.LevelNames)} (got '{text}')");
    }

    public static Option<string> ProjectDir() => new("--dir", "-C")
    {
        Description = "The project directory (default: the current directory).",
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
    };
}
