using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class PauseCommand
{
    public static Command Create(bool pause)
    {
        var name = new Argument<string>("name") { Description = "The pipeline." };
        var command = pause
            ? new Command("pause", "Stop starting the pipeline from its schedule and events (runs by hand still work).")
            : new Command("resume", "Start the pipeline from its schedule and events again (what fired while paused is not made up; use backfill).");
        command.Arguments.Add(name);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (pipeline, exit) = await PipelineCommandSupport.FindAsync(workspace, parse.GetValue(name)!, ct).ConfigureAwait(false);
            if (pipeline is null)
            {
                return exit;
            }

            await workspace.Services.GetRequiredService<IPipelineRunStore>().SetPausedAsync(pipeline.Name, pause, ct).ConfigureAwait(false);
            console.WriteJson(new { pipeline = pipeline.Name, paused = pause });
            console.Line($"{pipeline.Name} {(pause ? "paused" : "resumed")}");
            return 0;
        });
        return command;
    }
}
