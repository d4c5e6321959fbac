using System.CommandLine;

namespace ChurnOps.Cli.Commands.Contract;

internal static class ContractCommand
{
    public static Command Create()
    {
        var command = new Command("contract", "Data contracts (ODCS v3; Data Contract Specification 1.x also read): lint, show, test, diff, publish, approve.");
        command.Subcommands.Add(LintCommand.Create());
        command.Subcommands.Add(ShowCommand.Create());
        command.Subcommands.Add(TestCommand.Create());
        command.Subcommands.Add(DiffCommand.Create());
        command.Subcommands.Add(PublishCommand.Create());
        command.Subcommands.Add(ApproveCommand.Create());
        command.Subcommands.Add(ListCommand.Create());
        return command;
    }
}
