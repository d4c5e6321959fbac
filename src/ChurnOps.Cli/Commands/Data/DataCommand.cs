using System.CommandLine;

namespace ChurnOps.Cli.Commands.Data;

internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Sample data.");
        command.Subcommands.Add(GenerateCommand.Create());
        return command;
    }
}
