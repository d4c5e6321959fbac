using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Hosting;

/// <param name="Urls">Where Kestrel listens (see <see cref="ServerAddress"/>).</param>
/// <param name="ConsoleLogging">Write the log to the console (the deployable host and `churnops serve`; tests leave it off).</param>
/// <param name="LogLevel">Overrides `logging.level` of churnops.yaml (--log-level).</param>
public sealed record ServerOptions(string Urls, bool ConsoleLogging = false, LogLevel? LogLevel = null);
