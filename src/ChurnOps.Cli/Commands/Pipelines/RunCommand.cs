using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class RunCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The pipeline (its name: field)." };
        var parameters = new Option<string[]>("--param") { Description = "A parameter value, KEY=VALUE (repeat for several).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("run", "Run a pipeline now, in this process, and wait for it (exit 1 when it fails).");
        command.Arguments.Add(name);
        command.Options.Add(parameters);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(parameters) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return CliConsole.Error($"--param '{TerminalText.Line(pair)}' must be KEY=VALUE", 2);
                }

                overrides[pair[..eq]] = pair[(eq + 1)..];
            }

            await PipelineCommandSupport.ReapAsync(workspace, ct).ConfigureAwait(false);
            var (pipeline, exit) = await PipelineCommandSupport.FindAsync(workspace, parse.GetValue(name)!, ct).ConfigureAwait(false);
            if (pipeline is null)
            {
                return exit;
            }

            var dispatcher = workspace.Services.GetRequiredService<PipelineDispatcher>();
            var (queued, error) = await dispatcher.QueueManualAsync(pipeline, overrides, ct).ConfigureAwait(false);
            if (queued is null)
            {
                return CliConsole.Error(error ?? "the run could not be queued", 2);
            }

            console.Line($"run {queued.Id} ({pipeline.Name}) started");
            var ended = await dispatcher.ExecuteAsync(pipeline, queued, ct).ConfigureAwait(false);
            return ended is null
                ? CliConsole.Error($"run {queued.Id} was taken by another worker")
                : await PipelineCommandSupport.ReportAsync(workspace, console, ended, ct).ConfigureAwait(false);
        });
        return command;
    }
}
