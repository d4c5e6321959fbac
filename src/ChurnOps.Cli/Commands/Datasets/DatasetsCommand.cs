using System.CommandLine;

namespace ChurnOps.Cli.Commands.Datasets;

internal static class DatasetsCommand
{
    public static Command Create()
    {
        var command = new Command("datasets", "Dataset versions: one per accepted load (content hash, counts, contract, files).");
        command.Subcommands.Add(ListCommand.Create());
        command.Subcommands.Add(ShowCommand.Create());
        return command;
    }
}
