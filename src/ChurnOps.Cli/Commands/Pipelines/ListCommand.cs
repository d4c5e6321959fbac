using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the pipelines: owner, schedule, triggers, steps, paused, last run.");
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            await PipelineCommandSupport.ReapAsync(workspace, ct).ConfigureAwait(false);
            var catalog = await workspace.Services.GetRequiredService<PipelineCatalog>().LoadAsync(ct).ConfigureAwait(false);
            var store = workspace.Services.GetRequiredService<IPipelineRunStore>();
            var paused = await store.ListPausedAsync(ct).ConfigureAwait(false);
            var rows = new List<PipelineListing>();
            foreach (var pipeline in catalog.Pipelines)
            {
                var last = (await store.ListRunsAsync(pipeline.Name, 1, ct).ConfigureAwait(false)).FirstOrDefault();
                rows.Add(new PipelineListing(pipeline.Name, pipeline.Owner, pipeline.Schedule, pipeline.TimeZone, pipeline.Triggers, pipeline.Steps.Select(s => s.Name).ToList(), paused.Contains(pipeline.Name), last));
            }

            console.WriteJson(new { pipelines = rows, errors = catalog.Issues.Where(i => i.IsError).Select(i => i.ToString()) });
            console.Table(["pipeline", "owner", "schedule", "triggers", "steps", "paused", "last run"], rows.Select(r => (IReadOnlyList<string>)
            [
                r.Name, r.Owner, r.Schedule is null ? "-" : r.Schedule + (r.TimeZone is null ? string.Empty : $" ({r.TimeZone})"),
                string.Join(", ", r.Triggers), string.Join(" ", r.Steps), r.Paused ? "yes" : "no",
                r.LastRun is { } run ? $"{run.Id} {run.State.ToString().ToLowerInvariant()}" : "-",
            ]));
            foreach (var issue in catalog.Issues.Where(i => i.IsError))
            {
                Console.Error.WriteLine(TerminalText.Line("error: " + issue));
            }

            return catalog.HasErrors ? 1 : 0;
        });
        return command;
    }

    private sealed record PipelineListing(string Name, string Owner, string? Schedule, string? TimeZone, IReadOnlyList<string> Triggers, IReadOnlyList<string> Steps, bool Paused, PipelineRun? LastRun);
}
