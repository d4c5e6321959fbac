using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands;

/// <summary>
/// The action of a command that works on a project, and the CLI's one way to open one: adds --dir, opens the project
/// with the access the command needs, holds the warehouse's writer lock for the whole command when it writes (so a
/// second command is refused at once, naming the holder, instead of failing half-way), ends runs left RUNNING by a
/// killed process, and answers every failure to open or a lock conflict with the one-line error.
/// </summary>
internal static class ProjectAction
{
    /// <summary>Exit code when another process holds the warehouse (EX_TEMPFAIL: try again once it is done).</summary>
    public const int WarehouseInUseExitCode = 75;

    /// <summary>Exit code when a team store (Redis, S3) cannot be reached or refuses us (EX_UNAVAILABLE).</summary>
    public const int StoreUnavailableExitCode = 69;

    public delegate Task<int> Body(ParseResult parse, ChurnOpsWorkspace workspace, CliConsole console, CancellationToken cancellationToken);

    public static void Set(Command command, Body body) => Set(command, ProjectAccess.ReadWrite, body);

    public static void Set(Command command, ProjectAccess access, Body body) => Set(command, _ => access, body);

    /// <summary>For a command whose options decide the access (`score` writes the warehouse only with --log).</summary>
    public static void Set(Command command, Func<ParseResult, ProjectAccess> accessOf, Body body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(accessOf);
        var dir = GlobalOptions.ProjectDir();
        command.Options.Add(dir);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var access = accessOf(parse);
            var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(parse.GetValue(dir)!, access, TimeProvider.System, ct).ConfigureAwait(false);
            if (workspace is null)
            {
                return CliConsole.Errors(error!, error!.Contains("in use by", StringComparison.Ordinal) ? WarehouseInUseExitCode : 1);
            }

            // Before the writer lock: a refused caller holds up no one.
            if (await CommandPermissions.DenialAsync(CommandPath(parse), parse, workspace, ct).ConfigureAwait(false) is { } denied)
            {
                return CliConsole.Error(denied, CommandPermissions.DeniedExitCode);
            }

            // The audit trail names the caller the permission check saw, not only the OS user.
            if (workspace.Services.GetService<ChurnOps.Platform.Audit.ICurrentActor>() is ChurnOps.Platform.Audit.LocalActor process)
            {
                process.ActAs(await CommandActor.ResolveAsync(workspace, ct).ConfigureAwait(false));
            }

            IAsyncDisposable? writerLock = null;
            try
            {
                if (access == ProjectAccess.ReadWrite)
                {
                    writerLock = await workspace.HoldWarehouseAsync(CommandLine(parse), ct).ConfigureAwait(false);
                }

                await ReapAsync(workspace, ct).ConfigureAwait(false);
                return await body(parse, workspace, console, ct).ConfigureAwait(false);
            }
            catch (WarehouseInUseException ex)
            {
                return CliConsole.Error(ex.Message, WarehouseInUseExitCode);
            }
            catch (ChurnOps.Core.Stores.StoreUnavailableException ex)
            {
                return CliConsole.Error(ex.Message, StoreUnavailableExitCode);
            }
            finally
            {
                if (writerLock is not null)
                {
                    await writerLock.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
    }

    /// <summary>"features build": the command without the tool's name, as <see cref="CommandPermissions"/> lists it.</summary>
    private static string CommandPath(ParseResult parse) => CommandLine(parse)["churnops ".Length..];

    /// <summary>"churnops features build": the name the owner file records, for the message a second command prints.</summary>
    private static string CommandLine(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "churnops" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    // The cheap check on every project command: one indexed search of RUNNING runs in the metadata database.
    private static async Task ReapAsync(ChurnOpsWorkspace workspace, CancellationToken ct)
    {
        var reaped = await new RunReaper(workspace.Services.GetRequiredService<RunLogger>(), workspace.Time).ReapAsync(ct).ConfigureAwait(false);
        foreach (var run in reaped.Value ?? [])
        {
            Console.Error.WriteLine(TerminalText.Line($"note: run {run.RunId} ({run.RunName}) marked FAILED: {run.Reason}"));
        }
    }
}
