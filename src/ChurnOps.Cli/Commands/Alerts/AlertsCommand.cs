using System.CommandLine;

namespace ChurnOps.Cli.Commands.Alerts;

internal static class AlertsCommand
{
    public static Command Create()
    {
        var command = new Command("alerts", "Alerts raised to owners (DataSLAViolation, …).");
        command.Subcommands.Add(ListCommand.Create());
        return command;
    }
}
