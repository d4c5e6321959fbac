using System.CommandLine;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class PipelinesCommand
{
    public static Command Create()
    {
        var command = new Command("pipelines", "The project's pipelines (pipelines/*.yaml): validate, run, backfill, history, logs, pause.");
        command.Subcommands.Add(ListCommand.Create());
        command.Subcommands.Add(ValidateCommand.Create());
        command.Subcommands.Add(RunCommand.Create());
        command.Subcommands.Add(BackfillCommand.Create());
        command.Subcommands.Add(HistoryCommand.Create());
        command.Subcommands.Add(LogsCommand.Create());
        command.Subcommands.Add(PauseCommand.Create(pause: true));
        command.Subcommands.Add(PauseCommand.Create(pause: false));
        return command;
    }
}
