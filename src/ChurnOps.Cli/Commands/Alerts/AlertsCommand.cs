using System.CommandLine;

namespace ChurnOps.Cli.Commands.Alerts;

internal static class AlertsCommand
{
    public static Command Create()
    {
        var command = new Command("alerts", "Alerts raised to owners (DataSLAViolation, DriftDetected, PerformanceBelowGate…).");
        command.Subcommands.Add(ListCommand.Create());
        command.Subcommands.Add(AlertTransitionCommand.Create("ack", Core.Alerts.AlertStatus.Acked, "Acknowledge an open alert: someone is on it (it stays the open alert of its cause)."));
        command.Subcommands.Add(AlertTransitionCommand.Create("resolve", Core.Alerts.AlertStatus.Resolved, "Resolve an alert: its cause is gone, and the next occurrence raises a new alert."));
        return command;
    }
}
