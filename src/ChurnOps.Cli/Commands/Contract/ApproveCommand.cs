using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Contract;

internal static class ApproveCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The contract id." };
        var version = new Argument<string>("version") { Description = "The version waiting for sign-off." };
        var team = new Option<string>("--as") { Description = "The consumer team signing off.", Required = true };
        var command = new Command("approve", "Sign off a breaking contract change as a consumer team; the last sign-off publishes it.");
        command.Arguments.Add(id);
        command.Arguments.Add(version);
        command.Options.Add(team);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var outcome = await workspace.Services.GetRequiredService<ContractPublisher>().ApproveAsync(parse.GetValue(id)!, parse.GetValue(version)!, parse.GetValue(team)!, ct).ConfigureAwait(false);
            console.WriteJson(outcome);
            if (outcome.Status == PublishOutcome.Refused)
            {
                return CliConsole.Error(outcome.Error!);
            }

            console.Line(outcome.Status == PublishOutcome.PendingApproval
                ? $"{outcome.Id} {outcome.Version}: signed off; still waiting for {string.Join(", ", outcome.MissingApprovals)}"
                : $"{outcome.Id} {outcome.Version}: {outcome.Status}");
            return 0;
        });
        return command;
    }
}
