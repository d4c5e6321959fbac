using System.CommandLine;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

internal static class ListModelsCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List registered models with their newest version and aliases.");
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var registry = workspace.Services.GetRequiredService<ModelLifecycle>().Registry;
            var rows = new List<object>();
            var table = new List<IReadOnlyList<string>>();
            string? token = null;
            var offset = 0;
            do
            {
                var page = await registry.SearchModelsAsync(RegistryQuery.All with { Offset = offset }, ct).ConfigureAwait(false);
                foreach (var model in page.Items)
                {
                    var versions = await registry.ListVersionsAsync(model.Name, ct).ConfigureAwait(false);
                    var aliases = await registry.GetAliasesAsync(model.Name, ct).ConfigureAwait(false);
                    var latest = versions.Count == 0 ? null : versions[^1];
                    rows.Add(new
                    {
                        name = model.Name,
                        description = model.Description,
                        owner_team = model.OwnerTeam,
                        versions = versions.Count,
                        latest_version = latest?.Version,
                        latest_status = latest is null ? null : RegistryNames.Status(latest.Status),
                        aliases,
                        updated_at = model.UpdatedAt,
                    });
                    table.Add([
                        model.Name,
                        versions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        latest is null ? "-" : $"v{latest.Version} ({RegistryNames.Status(latest.Status)})",
                        aliases.Count == 0 ? "-" : string.Join(", ", aliases.Select(a => $"{a.Key}→v{a.Value}")),
                        ModelArguments.Time(model.UpdatedAt),
                    ]);
                }

                token = page.NextPageToken;
                offset += page.Items.Count;
            }
            while (token is not null);

            console.WriteJson(rows);
            if (table.Count == 0)
            {
                console.Line("no registered models yet: `churnops train` registers one");
                return 0;
            }

            console.Table(["model", "versions", "latest", "aliases", "updated (UTC)"], table);
            return 0;
        });
        return command;
    }
}
