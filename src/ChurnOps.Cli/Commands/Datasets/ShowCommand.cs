using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Datasets;

internal static class ShowCommand
{
    public static Command Create()
    {
        var table = new Argument<string>("table") { Description = "The table." };
        var version = new Argument<string?>("version") { Description = "The version (a unique prefix works); default: the newest.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "Show one dataset version: counts, contract, source files.");
        command.Arguments.Add(table);
        command.Arguments.Add(version);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var store = workspace.DatasetVersions;
            var name = parse.GetValue(table)!;
            var wanted = parse.GetValue(version);
            var found = wanted is null
                ? (await store.ListAsync(name, 1, ct).ConfigureAwait(false)).FirstOrDefault()
                : await store.GetAsync(name, wanted, ct).ConfigureAwait(false);
            if (found is null)
            {
                return CliConsole.Error(wanted is null ? $"no dataset versions for '{name}' (run 'churnops ingest {name} FILE')" : $"'{name}' has no dataset version {wanted}");
            }

            console.WriteJson(found);
            console.Line($"{found.Table} {found.Version} ({found.CreatedAt.ToString("u", CultureInfo.InvariantCulture)})");
            console.Line($"  rows: {found.RowsRead:N0} read = {found.RowsAccepted:N0} accepted + {found.RowsQuarantined:N0} quarantined");
            console.Line($"  contract: {found.ContractId} {found.ContractVersion}");
            foreach (var file in found.Files)
            {
                console.Line("  file: " + file);
            }

            return 0;
        });
        return command;
    }
}
