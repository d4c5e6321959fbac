using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Security;

namespace ChurnOps.Server.Hosting;

/// <summary>What the deployable host needs before it can build the app: the opened project, the options for it, and the --insecure warning to print, if any.</summary>
internal sealed record ServerLaunch(ChurnOpsWorkspace Workspace, ServerOptions Options, string? Warning)
{
    public static async Task<(ServerLaunch? Launch, string? Error)> OpenAsync(IReadOnlyList<string> args, TimeProvider time, CancellationToken cancellationToken)
    {
        var (arguments, error) = ServerArguments.Parse(args);
        if (arguments is null)
        {
            return (null, error);
        }

        // A malformed address is named as such before the project is opened (the port from churnops.yaml is checked once it is).
        if (ServerAddress.From(arguments.Host, arguments.Port ?? 0).Error is { } badAddress)
        {
            return (null, badAddress);
        }

        var (workspace, openError) = await ChurnOpsWorkspace.OpenAsync(Path.GetFullPath(arguments.Project), time, cancellationToken).ConfigureAwait(false);
        if (workspace is null)
        {
            return (null, openError);
        }

        // Whether the project has access control decides a non-loopback bind, so it is known only once the project is open.
        var authenticated = await workspace.Services.GetRequiredService<AccessGate>().IsOnAsync(cancellationToken).ConfigureAwait(false);
        if (ServerExposure.Refusal(arguments.Host, arguments.Insecure, authenticated) is { } refusal)
        {
            return (null, refusal);
        }

        var (url, addressError) = ServerAddress.From(arguments.Host, arguments.Port ?? workspace.Config.Serving.Port);
        return url is null
            ? (null, addressError)
            : (new ServerLaunch(workspace, new ServerOptions(url, ConsoleLogging: true, arguments.LogLevel), ServerExposure.Warning(arguments.Host, arguments.Insecure, authenticated)), null);
    }
}
