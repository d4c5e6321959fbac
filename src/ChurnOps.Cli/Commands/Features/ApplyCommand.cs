using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Features;

internal static class ApplyCommand
{
    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Apply even when the change breaks a model that is serving." };
        var command = new Command("apply", "Register features/*.yaml; a view's version is the hash of its definition.");
        command.Options.Add(force);
        ProjectAction.Set(command, ProjectAccess.ReadWrite, async (parse, workspace, console, ct) =>
        {
            var store = workspace.Services.GetRequiredService<FeatureStore>();

            var result = await store.ApplyAsync(parse.GetValue(force), ct).ConfigureAwait(false);
            console.WriteJson(result);
            if (!result.Succeeded)
            {
                return CliConsole.Error(result.Error!);
            }

            console.Table(
                ["view", "status", "version", "previous"],
                result.Views.Select(v => (IReadOnlyList<string>)[v.View, v.Status.ToString().ToLowerInvariant(), v.Version, v.PreviousVersion ?? "-"]));
            foreach (var forced in result.Views.Where(v => v.ServingModels.Count > 0))
            {
                console.Line($"warning: {forced.View} changed under serving model(s) {string.Join(", ", forced.ServingModels)} ({string.Join(", ", forced.BreakingChanges)}); applied with --force");
            }

            return 0;
        });
        return command;
    }
}
