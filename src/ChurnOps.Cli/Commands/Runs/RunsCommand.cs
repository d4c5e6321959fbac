using System.CommandLine;

namespace ChurnOps.Cli.Commands.Runs;

/// <summary>`churnops runs list|show|compare|reap`: tracked runs, the same ones MLflow clients see through the server.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "Browse tracked runs: list, show one, compare several; reap runs whose process died.");
        command.Subcommands.Add(ListRunsCommand.Create());
        command.Subcommands.Add(ShowRunCommand.Create());
        command.Subcommands.Add(CompareRunsCommand.Create());
        command.Subcommands.Add(ReapRunsCommand.Create());
        return command;
    }
}
