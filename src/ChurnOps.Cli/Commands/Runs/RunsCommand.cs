using System.CommandLine;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Runs;

/// <summary>`churnops runs list|show|compare`: tracked runs, the same ones MLflow clients see through the server.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "Browse tracked runs: list, show one, compare several.");
        command.Subcommands.Add(ListRunsCommand.Create());
        command.Subcommands.Add(ShowRunCommand.Create());
        command.Subcommands.Add(CompareRunsCommand.Create());
        return command;
    }

    /// <summary>Opens the project and the run queries over it, or returns the error to print.</summary>
    public static async Task<(RunQueries? Queries, string? Error)> OpenAsync(string dir, CancellationToken ct)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(dir, TimeProvider.System, ct).ConfigureAwait(false);
        return workspace is null ? (null, error) : (workspace.Services.GetRequiredService<RunQueries>(), null);
    }
}
