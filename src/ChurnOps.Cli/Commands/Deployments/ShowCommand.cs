using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Deployments;

internal static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("id") { Description = "The deployment id." };
        var command = new Command("show", "Show one deployment and the history of every step with its figures and checks.");
        command.Arguments.Add(id);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var details = await workspace.Services.GetRequiredService<DeploymentService>().GetAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            if (details is null)
            {
                return CliConsole.Error($"no deployment {parse.GetValue(id).ToString(CultureInfo.InvariantCulture)}");
            }

            console.WriteJson(details);
            console.Table(DeploymentFormat.Headers, [DeploymentFormat.Row(details.Deployment)]);
            console.Line(string.Empty);
            console.Table(
                ["#", "at (UTC)", "action", "step", "candidate %", "stable figures", "candidate figures", "checks"],
                details.History.Select(e => (IReadOnlyList<string>)
                [
                    e.Sequence.ToString(CultureInfo.InvariantCulture),
                    e.At.ToString("u", CultureInfo.InvariantCulture),
                    e.Action,
                    (e.StepIndex + 1).ToString(CultureInfo.InvariantCulture),
                    e.CandidateWeight.ToString(CultureInfo.InvariantCulture),
                    Figures(e.Figures.FirstOrDefault(f => f.Arm == DeploymentArms.Stable)),
                    Figures(e.Figures.FirstOrDefault(f => f.Arm == DeploymentArms.Candidate)),
                    e.Checks.Count == 0 ? e.Reason ?? "-" : string.Join("; ", e.Checks.Select(c => $"{c.Name} {c.Outcome.ToString().ToLowerInvariant()}: {c.Message}")),
                ]));
            return 0;
        });
        return command;
    }

    private static string Figures(ArmFigures? figures) => figures is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"v{figures.Version}: {figures.Requests} req, {figures.Errors} err, p99 {figures.P99Milliseconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"} ms");
}
