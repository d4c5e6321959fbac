using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class LogsCommand
{
    public static Command Create()
    {
        var run = new Argument<long>("run") { Description = "The run id (from 'churnops pipelines history')." };
        var step = new Argument<string?>("step") { Description = "Only this step.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("logs", "Every attempt of a run's steps: state, times, error, outputs and what it printed.");
        command.Arguments.Add(run);
        command.Arguments.Add(step);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            await PipelineCommandSupport.ReapAsync(workspace, ct).ConfigureAwait(false);
            var store = workspace.Services.GetRequiredService<IPipelineRunStore>();
            if (await store.GetRunAsync(parse.GetValue(run), ct).ConfigureAwait(false) is not { } found)
            {
                return CliConsole.Error($"no pipeline run {parse.GetValue(run)}");
            }

            var only = parse.GetValue(step);
            var attempts = (await store.ListAttemptsAsync(found.Id, ct).ConfigureAwait(false)).Where(a => only is null || a.Step == only).ToList();
            if (only is not null && attempts.Count == 0)
            {
                return CliConsole.Error($"run {found.Id} has no step '{TerminalText.Line(only)}'");
            }

            console.WriteJson(new { run = found, attempts });
            console.Line($"run {found.Id} ({found.Pipeline}, {found.Trigger}): {found.State.ToString().ToLowerInvariant()}{(found.Error is null ? string.Empty : " — " + found.Error)}");
            foreach (var attempt in attempts)
            {
                console.Line(string.Empty);
                console.Line($"== {attempt.Step} attempt {attempt.Attempt}: {attempt.State.ToString().ToLowerInvariant()} ({attempt.StartedAt.ToString("u", CultureInfo.InvariantCulture)} → {attempt.EndedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "…"})");
                if (attempt.Error is not null)
                {
                    console.Line("error: " + attempt.Error);
                }

                if (attempt.Outputs.Count > 0)
                {
                    console.Line("outputs: " + string.Join(", ", attempt.Outputs.Select(o => $"{o.Key}={o.Value}")));
                }

                foreach (var line in attempt.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    console.Line("  " + line);
                }
            }

            return 0;
        });
        return command;
    }
}
