using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Features;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Features;

internal static class ShowCommand
{
    public static Command Create()
    {
        var view = new Argument<string?>("view") { Description = "Show one view with its feature statistics.", DefaultValueFactory = _ => null };
        var command = new Command("show", "List feature views: version, last build, online state; with a view, its features and statistics.");
        command.Arguments.Add(view);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var store = workspace.Services.GetRequiredService<FeatureStore>();

            var name = parse.GetValue(view);
            var result = await store.ShowAsync(name, ct).ConfigureAwait(false);
            console.WriteJson(result);
            if (!result.Succeeded)
            {
                return CliConsole.Error(result.Error!);
            }

            if (result.Views.Count == 0)
            {
                console.Line("No feature views registered (run 'churnops features apply').");
                return 0;
            }

            console.Table(
                ["view", "version", "entity", "ttl", "owner", "last build", "rows", "online entities"],
                result.Views.Select(v => (IReadOnlyList<string>)[
                    v.Registered.Definition.Name,
                    v.Registered.Version,
                    v.Registered.Definition.Entity,
                    FeatureTtl.Format(v.Registered.Definition.Ttl),
                    v.Registered.Definition.Owner ?? "-",
                    v.LastBuild is { } b ? $"{b.BuiltAt:u} ({b.Version})" : "never",
                    v.LastBuild?.TableRows.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
                    v.Materialization?.Entities.ToString("N0", CultureInfo.InvariantCulture) ?? "-"]));
            if (name is not null)
            {
                var summary = result.Views[0];
                var stats = summary.Statistics.ToDictionary(s => s.Feature, StringComparer.OrdinalIgnoreCase);
                console.Table(
                    ["feature", "description", "nulls", "mean", "std", "min", "max", "distinct"],
                    summary.Registered.Definition.Features.Select(f => stats.TryGetValue(f.Name, out var s)
                        ? (IReadOnlyList<string>)[f.Name, f.Description ?? string.Empty, $"{s.Nulls:N0}/{s.Count:N0}", Number(s.Mean), Number(s.Std), Number(s.Min), Number(s.Max), s.Distinct.ToString("N0", CultureInfo.InvariantCulture)]
                        : [f.Name, f.Description ?? string.Empty, "-", "-", "-", "-", "-", "-"]));
            }

            return 0;
        });
        return command;
    }

    private static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
