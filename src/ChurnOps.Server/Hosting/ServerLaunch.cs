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

        // Refused before the project is opened: nothing is touched for a launch that will not serve. A malformed
        // address is named as such first (the port from churnops.yaml is checked once the project is open).
        if (ServerAddress.From(arguments.Host, arguments.Port ?? 0).Error is { } badAddress)
        {
            return (null, badAddress);
        }

        if (ServerExposure.Refusal(arguments.Host, arguments.Insecure) is { } refusal)
        {
            return (null, refusal);
        }

        var (workspace, openError) = await ChurnOpsWorkspace.OpenAsync(Path.GetFullPath(arguments.Project), time, cancellationToken).ConfigureAwait(false);
        if (workspace is null)
        {
            return (null, openError);
        }

        var (url, addressError) = ServerAddress.From(arguments.Host, arguments.Port ?? workspace.Config.Serving.Port);
        return url is null
            ? (null, addressError)
            : (new ServerLaunch(workspace, new ServerOptions(url, ConsoleLogging: true, arguments.LogLevel), ServerExposure.Warning(arguments.Host, arguments.Insecure)), null);
    }
}
