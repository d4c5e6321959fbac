using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry.Lineage;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models lineage NAME VERSION [--json]`: contract → dataset version → feature views → training set → run → version → aliases/deployments.</summary>
internal static class LineageCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The registered model." };
        var version = new Argument<string>("version") { Description = "The version number." };
        var command = new Command("lineage", "Show where a version came from: contract, dataset version, feature views, training set, run; and where it serves: aliases, deployments.");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (number, versionError) = CardVersionArgument.Parse(parse.GetValue(version));
            if (number is null)
            {
                return CliConsole.Error(versionError!);
            }

            var (report, error) = await workspace.Services.GetRequiredService<ModelLineageTracer>().TraceAsync(parse.GetValue(name)!, number.Value, ct).ConfigureAwait(false);
            if (report is null)
            {
                return CliConsole.Error(error!);
            }

            console.WriteJson(report);
            console.Line($"{report.ModelName} version {report.Version}");
            var width = report.Steps.Max(s => s.Step.Length) + 1;
            foreach (var step in report.Steps)
            {
                console.Line($"  {(step.Step + ":").PadRight(width)} {step.Summary}");
            }

            return 0;
        });
        return command;
    }
}
