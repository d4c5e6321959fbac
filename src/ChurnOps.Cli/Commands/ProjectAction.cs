using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands;

/// <summary>
/// The action of a command that works on a project: adds --dir, opens the project and answers a project that cannot be
/// opened with the one-line error, so each command only says what it does with the project.
/// </summary>
internal static class ProjectAction
{
    public delegate Task<int> Body(ParseResult parse, ChurnOpsWorkspace workspace, CliConsole console, CancellationToken cancellationToken);

    public static void Set(Command command, Body body)
    {
        var dir = GlobalOptions.ProjectDir();
        command.Options.Add(dir);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(parse.GetValue(dir)!, TimeProvider.System, ct).ConfigureAwait(false);
            return workspace is null ? CliConsole.Errors(error!) : await body(parse, workspace, console, ct).ConfigureAwait(false);
        });
    }
}
