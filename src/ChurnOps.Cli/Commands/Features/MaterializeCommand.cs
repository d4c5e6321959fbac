using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Features;

internal static class MaterializeCommand
{
    public static Command Create()
    {
        var incremental = new Option<bool>("--incremental") { Description = "Copy only rows newer than the last materialization." };
        var command = new Command("materialize", "Copy the latest feature row per entity to the online store.");
        command.Options.Add(incremental);
        ProjectAction.Set(command, ProjectAccess.ReadWrite, async (parse, workspace, console, ct) =>
        {
            var store = workspace.Services.GetRequiredService<FeatureStore>();

            var result = await console.StepAsync("Materializing", () => store.MaterializeAsync(parse.GetValue(incremental), ct)).ConfigureAwait(false);
            console.WriteJson(result);
            if (!result.Succeeded)
            {
                return CliConsole.Error(result.Error!);
            }

            console.Table(
                ["view", "version", "mode", "entities written", "entities online", "watermark"],
                result.Views.Select(v => (IReadOnlyList<string>)[v.View, v.Version, v.Full ? "full" : "incremental", v.EntitiesWritten.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), v.EntitiesOnline.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), v.Watermark?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-"]));
            foreach (var skipped in result.SkippedViews)
            {
                console.Line("skipped " + skipped);
            }

            return 0;
        });
        return command;
    }
}
