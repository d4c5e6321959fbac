using System.CommandLine;

namespace ChurnOps.Cli.Commands.Monitor;

internal static class MonitorCommand
{
    public static Command Create()
    {
        var command = new Command("monitor", "Model monitoring: data, prediction and label drift (Evidently's tests, scipy's numbers), reports.");
        command.Subcommands.Add(DriftCommand.Create());
        command.Subcommands.Add(ReportCommand.Create());
        command.Subcommands.Add(RunCommand.Create());
        return command;
    }
}
