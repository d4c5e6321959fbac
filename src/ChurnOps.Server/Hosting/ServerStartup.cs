using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Hosting;

/// <summary>
/// Starts a built server and waits for it to stop, for the deployable host and `churnops serve` alike. Every start-up
/// failure is one line on stderr and exit code 1; the framework's own account of it is held back (<see cref="StartupLogGate"/>).
/// </summary>
public static class ServerStartup
{
    public static async Task<int> RunAsync(WebApplication app, string projectRoot, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        await using (app.ConfigureAwait(false))
        {
            if (await StartAsync(app, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return Fail(stderr, error);
            }

            foreach (var url in app.Urls)
            {
                await stdout.WriteLineAsync($"ChurnOps serving {projectRoot} on {url}  (docs: {url}/docs, OpenAPI: {url}/openapi/v1.json)").ConfigureAwait(false);
            }

            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>Starts the app; null when it listens, else why it could not start, in one line.</summary>
    public static async Task<string?> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kestrel's bind errors name the address already; others (a locked warehouse) do not.
            var where = app.Configuration[WebHostDefaults.ServerUrlsKey] ?? string.Join(", ", app.Urls);
            return ex.Message.Contains(where, StringComparison.Ordinal)
                ? $"cannot start the server: {OneLine(ex.Message)}"
                : $"cannot start the server on {where}: {OneLine(ex.Message)}";
        }

        app.Services.GetRequiredService<StartupLogGate>().Open();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChurnOps.Server.Hosting");
        foreach (var url in app.Urls)
        {
            ServerLog.Serving(logger, app.Environment.ContentRootPath, url);
        }

        return null;
    }

    /// <summary>
    /// Prints the error as the CLI does ("error: ..."), one line per problem when several were found together (a
    /// project's settings list every bad value, one per line), and returns the exit code.
    /// </summary>
    public static int Fail(TextWriter stderr, string error, int exitCode = 1)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var problem in error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            stderr.WriteLine("error: " + OneLine(problem));
        }

        return exitCode;
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
