using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models approve|reject NAME VERSION`: the accountable team's recorded decision on a version.</summary>
internal static class ApproveModelCommand
{
    public static Command Create(bool approve)
    {
        var name = ModelArguments.Name();
        var version = ModelArguments.Version();
        var actor = ModelArguments.Actor();
        var team = ModelArguments.Team();
        var note = new Option<string?>("--note") { Description = approve ? "Why it is approved (recorded)." : "Why it is rejected (required, recorded).", Required = !approve };
        var command = approve
            ? new Command("approve", "Sign a version off for the accountable team, so the serving alias may point at it.")
            : new Command("reject", "Reject a version for the accountable team, with the reason.");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        command.Options.Add(actor);
        command.Options.Add(team);
        command.Options.Add(note);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (number, versionError) = ModelArguments.ParseVersion(parse.GetValue(version)!);
            if (versionError is not null)
            {
                return CliConsole.Error(versionError, 2);
            }

            var lifecycle = workspace.Services.GetRequiredService<ModelLifecycle>();
            var (who, actorError) = await ModelArguments.ActorAsync(parse, actor, team, workspace, ct).ConfigureAwait(false);
            if (who is null)
            {
                return CliConsole.Error(actorError!, 2);
            }

            var modelName = parse.GetValue(name)!;
            var result = approve
                ? await lifecycle.ApproveAsync(modelName, number, who, parse.GetValue(note), ct).ConfigureAwait(false)
                : await lifecycle.RejectAsync(modelName, number, who, parse.GetValue(note), ct).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                return ModelArguments.Error(error);
            }

            var decided = result.Value!;
            console.WriteJson(new { model = decided.ModelName, version = decided.Version, status = Core.Registry.RegistryNames.Status(decided.Status), actor = who.Name, team = who.Team });
            console.Line($"{(approve ? "approved" : "rejected")} {decided.ModelName} v{decided.Version} for '{who.Team}' by {who.Name}");
            if (approve)
            {
                console.Line($"next: churnops models alias {decided.ModelName} {workspace.Config.Serving.Alias} {decided.Version}");
            }

            return 0;
        });
        return command;
    }
}
