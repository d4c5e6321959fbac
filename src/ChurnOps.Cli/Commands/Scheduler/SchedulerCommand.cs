using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Scheduler;

internal static class SchedulerCommand
{
    public static Command Create()
    {
        var command = new Command("scheduler", "Run the pipelines' schedules and event triggers until Ctrl-C (a worker without the server; it holds the warehouse).");
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            await workspace.Services.GetRequiredService<PipelineScheduler>().RunAsync(line => console.Line(TerminalText.Line(line)), ct).ConfigureAwait(false);
            console.Line("scheduler stopped");
            return 0;
        });
        return command;
    }
}
