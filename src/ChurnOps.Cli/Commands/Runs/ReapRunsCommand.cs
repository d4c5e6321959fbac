using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Runs;

/// <summary>
/// `churnops runs reap`: ends as FAILED the RUNNING runs whose ChurnOps process is gone (every project command also
/// does this on start; this command does it alone and says what it did).
/// </summary>
internal static class ReapRunsCommand
{
    public static Command Create()
    {
        var command = new Command("reap", "Mark FAILED the RUNNING runs whose process died (killed train); the reason goes in the churnops.failure_reason tag.");
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            // ProjectAction has already reaped on start (and said so on stderr); a second pass finds what is left.
            var result = await new RunReaper(workspace.Services.GetRequiredService<RunLogger>(), workspace.Time).ReapAsync(ct).ConfigureAwait(false);
            if (result.Error is { } failure)
            {
                return CliConsole.Error(failure.Message);
            }

            console.WriteJson(result.Value);
            console.Line(result.Value!.Count == 0 ? "No RUNNING run has lost its process." : $"{result.Value.Count} run(s) marked FAILED.");
            return 0;
        });
        return command;
    }
}
