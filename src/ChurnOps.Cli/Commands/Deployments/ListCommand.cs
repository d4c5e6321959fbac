using System.CommandLine;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Deployments;

internal static class ListCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many deployments.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List deployments, newest first.");
        command.Options.Add(limit);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var deployments = await workspace.Services.GetRequiredService<DeploymentService>().ListAsync(parse.GetValue(limit), ct).ConfigureAwait(false);
            console.WriteJson(deployments);
            console.Table(DeploymentFormat.Headers, deployments.Select(DeploymentFormat.Row));
            return 0;
        });
        return command;
    }
}
