using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Hosting;

internal static class ServerLogging
{
    /// <summary>
    /// ChurnOps' categories log at the configured level (--log-level, else `logging.level`); ASP.NET Core's request and
    /// hosting categories at Warning unless that level is debug or trace (a request would write four lines at Information).
    /// </summary>
    public static WebApplicationBuilder AddServerLogging(this WebApplicationBuilder builder, ProjectConfig config, ServerOptions options)
    {
        var level = options.LogLevel ?? config.Logging.MinimumLevel;
        var gate = new StartupLogGate(level, level <= LogLevel.Debug ? level : (LogLevel)Math.Max((int)level, (int)LogLevel.Warning));
        builder.Services.AddSingleton(gate);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(level);
        // One rule without a category, so no more specific rule takes a category away from it.
        builder.Logging.AddFilter((_, category, eventLevel) => gate.Allows(category, eventLevel));
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        return builder;
    }
}
