using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Alerts;

/// <summary>`churnops alerts ack|resolve ID`: one verb per status move, the same shape for both.</summary>
internal static class AlertTransitionCommand
{
    public static Command Create(string verb, string status, string description)
    {
        var id = new Argument<long>("id") { Description = "The alert's id (from `churnops alerts list`)." };
        var note = new Option<string?>("--note") { Description = "Why (kept with the alert)." };
        var by = new Option<string?>("--by") { Description = "Who (default: the user running the command)." };
        var command = new Command(verb, description);
        command.Arguments.Add(id);
        command.Options.Add(note);
        command.Options.Add(by);
        ProjectAction.Set(command, Platform.Projects.ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var who = parse.GetValue(by) is { Length: > 0 } given ? given.Trim() : Environment.UserName;
            var lifecycle = workspace.Services.GetRequiredService<IAlertLifecycle>();
            var moved = await lifecycle.TransitionAsync(parse.GetValue(id), status, who, parse.GetValue(note), workspace.Time.GetUtcNow(), ct).ConfigureAwait(false);
            if (!moved.Succeeded)
            {
                return CliConsole.Error(moved.Error!);
            }

            console.WriteJson(moved.Alert);
            console.Line($"alert #{moved.Alert!.Id} {moved.Alert.Type} ({moved.Alert.Subject}) is {status} by {who}");
            return 0;
        });
        return command;
    }
}
