using System.CommandLine;

namespace ChurnOps.Cli.Commands.Sla;

internal static class SlaCommand
{
    public static Command Create()
    {
        var command = new Command("sla", "Data SLAs from the contracts (freshness, completeness, availability).");
        command.Subcommands.Add(CheckCommand.Create());
        return command;
    }
}
