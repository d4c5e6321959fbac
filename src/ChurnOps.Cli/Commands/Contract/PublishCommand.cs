using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Contract;

internal static class PublishCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("contract") { Description = "A contract file, or a table name (contracts/NAME.yaml)." };
        var by = new Option<string>("--as") { Description = "Who publishes (a team or person).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("publish", "Store a new contract version; breaking changes without a major version wait for consumer sign-off.");
        command.Arguments.Add(target);
        command.Options.Add(by);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var path = ContractFiles.Resolve(parse.GetValue(target)!, workspace.Layout.Root);
            var outcome = await workspace.Services.GetRequiredService<ContractPublisher>().PublishAsync(path, parse.GetValue(by)!, ct).ConfigureAwait(false);
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
