using System.CommandLine;

namespace ChurnOps.Cli.Commands.Audit;

internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "The audit log: every mutation (who, what, before/after, when, from where), hash-chained so an edit shows.");
        command.Subcommands.Add(ListCommand.Create());
        command.Subcommands.Add(ExportCommand.Create());
        command.Subcommands.Add(VerifyCommand.Create());
        return command;
    }
}
