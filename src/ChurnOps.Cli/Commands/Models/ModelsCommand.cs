using System.CommandLine;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models list|show|approve|reject|alias|delete`: the registry, the hand-off from ML engineering to MLOps.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "Registered models: list, show a version, approve or reject it, move aliases, delete.");
        command.Subcommands.Add(ListModelsCommand.Create());
        command.Subcommands.Add(ShowModelCommand.Create());
        command.Subcommands.Add(ApproveModelCommand.Create(approve: true));
        command.Subcommands.Add(ApproveModelCommand.Create(approve: false));
        command.Subcommands.Add(AliasModelCommand.Create());
        command.Subcommands.Add(DeleteModelCommand.Create());

        // More subcommands (card, lineage) are added here, one line each.
        command.Subcommands.Add(CardCommand.Create());
        command.Subcommands.Add(LineageCommand.Create());
        return command;
    }
}
