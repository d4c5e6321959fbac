using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class HistoryCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "The pipeline (default: every pipeline).", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "At most this many runs.", DefaultValueFactory = _ => 20 };
        var command = new Command("history", "A pipeline's runs, newest first: state, trigger, logical date, how long, why it failed.");
        command.Arguments.Add(name);
        command.Options.Add(limit);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            await PipelineCommandSupport.ReapAsync(workspace, ct).ConfigureAwait(false);
            var runs = await workspace.Services.GetRequiredService<IPipelineRunStore>().ListRunsAsync(parse.GetValue(name), parse.GetValue(limit), ct).ConfigureAwait(false);
            console.WriteJson(runs);
            console.Table(PipelineCommandSupport.Headers, runs.Select(PipelineCommandSupport.Row));
            return 0;
        });
        return command;
    }
}
