using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Contract;

internal static class ListCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "Only this contract.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List stored contract versions (published and pending sign-off).");
        command.Arguments.Add(id);
        ProjectAction.Set(command, ChurnOps.Platform.Projects.ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var versions = await workspace.Services.GetRequiredService<ContractPublisher>().Store.ListAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            console.WriteJson(versions.Select(v => new { v.Id, v.Version, v.Status, v.PublishedBy, v.At }));
            console.Table(["contract", "version", "status", "by", "at"], versions.Select(v => (IReadOnlyList<string>)
                [v.Id, v.Version, v.Status, v.PublishedBy, v.At.ToString("u", CultureInfo.InvariantCulture)]));
            return 0;
        });
        return command;
    }
}
