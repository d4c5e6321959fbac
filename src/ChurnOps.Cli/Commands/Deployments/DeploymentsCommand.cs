using System.CommandLine;

namespace ChurnOps.Cli.Commands.Deployments;

internal static class DeploymentsCommand
{
    public static Command Create()
    {
        var command = new Command("deployments", "Canary deployments: list, show with history, promote, pause, resume, roll back.");
        command.Subcommands.Add(ListCommand.Create());
        command.Subcommands.Add(ShowCommand.Create());
        command.Subcommands.Add(ActionCommand.Create("promote", "Move a deployment to its next step now (the last step moves the alias)."));
        command.Subcommands.Add(ActionCommand.Create("pause", "Hold a deployment at its step: the split stays, analysis stops."));
        command.Subcommands.Add(ActionCommand.Create("resume", "Resume a paused deployment; its step starts over."));
        command.Subcommands.Add(ActionCommand.Create("rollback", "Send every request to the stable version again; the alias stays."));
        return command;
    }
}
