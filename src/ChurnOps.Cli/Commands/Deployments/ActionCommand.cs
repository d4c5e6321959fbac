using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Deployments;

/// <summary>promote, pause, resume and rollback: one verb on one deployment, the same shape each (a running server sees it at its next check).</summary>
internal static class ActionCommand
{
    public static Command Create(string verb, string description)
    {
        var id = new Argument<long>("id") { Description = "The deployment id." };
        var command = new Command(verb, description);
        command.Arguments.Add(id);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var service = workspace.Services.GetRequiredService<DeploymentService>();
            var deployment = parse.GetValue(id);
            var outcome = verb switch
            {
                "promote" => await service.PromoteAsync(deployment, ct).ConfigureAwait(false),
                "pause" => await service.PauseAsync(deployment, ct).ConfigureAwait(false),
                "resume" => await service.ResumeAsync(deployment, ct).ConfigureAwait(false),
                _ => await service.RollbackAsync(deployment, ct).ConfigureAwait(false),
            };
            if (outcome.Deployment is not { } moved)
            {
                return DeploymentFormat.Refused(outcome);
            }

            console.WriteJson(moved);
            console.Table(DeploymentFormat.Headers, [DeploymentFormat.Row(moved)]);
            return 0;
        });
        return command;
    }
}
