using ChurnOps.Platform.Projects;
using ChurnOps.Server.Security;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Hosting;

/// <summary>The deployable host's command line: --project DIR [--port N] [--host H] [--log-level L] [--insecure].</summary>
internal sealed record ServerArguments(string Project, int? Port, string Host, LogLevel? LogLevel, bool Insecure = false)
{
    public const string Usage = "usage: dotnet ChurnOps.Server.dll --project DIR [--port N] [--host H] [--log-level trace|debug|information|warning|error|critical|none] [--insecure]";

    public static (ServerArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? project = null;
        int? port = null;
        var host = "127.0.0.1";
        LogLevel? level = null;
        var insecure = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == ServerExposure.InsecureFlag)
            {
                insecure = true;
                continue;
            }

            if (name is not ("--project" or "-C" or "--port" or "-p" or "--host" or "--log-level"))
            {
                return (null, $"unknown argument '{name}' ({Usage})");
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value ({Usage})");
            }

            var value = args[++i];
            switch (name)
            {
                case "--project" or "-C":
                    project = value;
                    break;
                case "--port" or "-p":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                    {
                        return (null, $"--port must be a number between 0 and 65535 (got '{value}')");
                    }

                    port = parsed;
                    break;
                case "--host":
                    host = value;
                    break;
                default:
                    if (!LoggingSettings.TryParseLevel(value, out var parsedLevel))
                    {
                        return (null, $"--log-level must be one of {string.Join(", ", LoggingSettings.LevelNames)} (got '{value}')");
                    }

                    level = parsedLevel;
                    break;
            }
        }

        return project is null ? (null, $"--project is required ({Usage})") : (new ServerArguments(project, port, host, level, insecure), null);
    }
}
