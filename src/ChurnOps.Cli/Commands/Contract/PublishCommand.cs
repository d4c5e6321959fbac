using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Contracts;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Contract;

internal static class PublishCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("contract") { Description = "A contract file, or a table name (contracts/NAME.yaml)." };
        var by = new Option<string>("--as") { Description = "Who publishes (a team or person).", DefaultValueFactory = _ => Environment.UserName };
        var dir = GlobalOptions.ProjectDir();
        var command = new Command("publish", "Store a new contract version; breaking changes without a major version wait for consumer sign-off.");
        command.Arguments.Add(target);
        command.Options.Add(by);
        command.Options.Add(dir);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(parse.GetValue(dir)!, TimeProvider.System, ct).ConfigureAwait(false);
            if (workspace is null)
            {
                return CliConsole.Error(error!);
            }

            var path = ContractFiles.Resolve(parse.GetValue(target)!, workspace.Layout.Root);
            var outcome = await new ContractPublisher(workspace).PublishAsync(path, parse.GetValue(by)!, ct).ConfigureAwait(false);
            console.WriteJson(outcome);
            foreach (var change in outcome.Changes)
            {
                console.Line(change.ToString());
            }

            if (!outcome.Succeeded)
            {
                return CliConsole.Error(outcome.Error!, outcome.Status == PublishOutcome.PendingApproval ? 4 : 1);
            }

            console.Line($"{outcome.Id} {outcome.Version}: {outcome.Status}");
            return 0;
        });
        return command;
    }
}
