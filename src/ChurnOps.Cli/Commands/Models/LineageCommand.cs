using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using ChurnOps.Platform.Registry.Lineage;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models lineage NAME VERSION [--json]`: contract → dataset version → feature views → training set → run → version → aliases/deployments.</summary>
internal static class LineageCommand
{
    public static Command Create()
    {
        var name = ModelArguments.Name();
        var version = ModelArguments.Version();
        var command = new Command("lineage", "Show where a version came from: contract, dataset version, feature views, training set, run; and where it serves: aliases, deployments.");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (number, versionError) = ModelArguments.ParseVersion(parse.GetValue(version)!);
            if (versionError is not null)
            {
                return CliConsole.Error(versionError);
            }

            var resolved = await workspace.Services.GetRequiredService<ModelLifecycle>().ResolveAsync(new ModelUri(parse.GetValue(name)!, number, null, null, false), ct).ConfigureAwait(false);
            if (resolved.Value is not { } found)
            {
                return ModelArguments.Error(resolved.Error!);
            }

            var report = await workspace.Services.GetRequiredService<ModelLineageTracer>().TraceAsync(found, ct).ConfigureAwait(false);

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
