namespace ChurnOps.Server.Hosting;

public sealed record ServerOptions(string Urls, bool ConsoleLogging = false);
