using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Datasets;

internal static class ListCommand
{
    public static Command Create()
    {
        var table = new Argument<string?>("table") { Description = "Only this table.", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "At most this many versions.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List dataset versions, newest first.");
        command.Arguments.Add(table);
        command.Options.Add(limit);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var versions = await workspace.DatasetVersions.ListAsync(parse.GetValue(table), parse.GetValue(limit), ct).ConfigureAwait(false);
            console.WriteJson(versions);
            string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
            console.Table(["table", "version", "read", "accepted", "quarantined", "contract", "at"], versions.Select(v => (IReadOnlyList<string>)
                [v.Table, v.Version, N(v.RowsRead), N(v.RowsAccepted), N(v.RowsQuarantined), $"{v.ContractId} {v.ContractVersion}", v.CreatedAt.ToString("u", CultureInfo.InvariantCulture)]));
            return 0;
        });
        return command;
    }
}
