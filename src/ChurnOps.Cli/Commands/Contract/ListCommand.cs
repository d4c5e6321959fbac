using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Contracts;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Contract;

internal static class ListCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "Only this contract.", Arity = ArgumentArity.ZeroOrOne };
        var dir = GlobalOptions.ProjectDir();
        var command = new Command("list", "List stored contract versions (published and pending sign-off).");
        command.Arguments.Add(id);
        command.Options.Add(dir);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(parse.GetValue(dir)!, TimeProvider.System, ct).ConfigureAwait(false);
            if (workspace is null)
            {
                return CliConsole.Error(error!);
            }

            var versions = await new ContractPublisher(workspace).Store.ListAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            console.WriteJson(versions.Select(v => new { v.Id, v.Version, v.Status, v.PublishedBy, v.At }));
            console.Table(["contract", "version", "status", "by", "at"], versions.Select(v => (IReadOnlyList<string>)
                [v.Id, v.Version, v.Status, v.PublishedBy, v.At.ToString("u", CultureInfo.InvariantCulture)]));
            return 0;
        });
        return command;
    }
}
