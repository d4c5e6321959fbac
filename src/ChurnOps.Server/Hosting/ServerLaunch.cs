using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Hosting;

/// <summary>What the deployable host needs before it can build the app: the opened project and the options for it.</summary>
internal sealed record ServerLaunch(ChurnOpsWorkspace Workspace, ServerOptions Options)
{
    public static async Task<(ServerLaunch? Launch, string? Error)> OpenAsync(IReadOnlyList<string> args, TimeProvider time, CancellationToken cancellationToken)
    {
        var (arguments, error) = ServerArguments.Parse(args);
        if (arguments is null)
        {
            return (null, error);
        }

        var (workspace, openError) = await ChurnOpsWorkspace.OpenAsync(Path.GetFullPath(arguments.Project), time, cancellationToken).ConfigureAwait(false);
        if (workspace is null)
        {
            return (null, openError);
        }

        var (url, addressError) = ServerAddress.From(arguments.Host, arguments.Port ?? workspace.Config.Serving.Port);
        return url is null
            ? (null, addressError)
            : (new ServerLaunch(workspace, new ServerOptions(url, ConsoleLogging: true, arguments.LogLevel)), null);
    }
}
