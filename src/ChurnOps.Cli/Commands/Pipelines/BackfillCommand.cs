using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class BackfillCommand
{
    private const int MaxIntervals = 10_000;

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The pipeline (it must have a schedule)." };
        var from = new Option<string>("--from") { Description = "Start of the range, inclusive (ISO 8601; UTC unless an offset is given).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the range, exclusive.", Required = true };
        var command = new Command("backfill", "Run the pipeline once for every schedule interval in [--from, --to) that has no run yet, oldest first.");
        command.Arguments.Add(name);
        command.Options.Add(from);
        command.Options.Add(to);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            if (!TryParse(parse.GetValue(from), out var start) || !TryParse(parse.GetValue(to), out var end))
            {
                return CliConsole.Error("--from and --to must be dates or times in ISO 8601 (2026-11-01 or 2026-11-01T06:00:00Z)", 2);
            }

            await PipelineCommandSupport.ReapAsync(workspace, ct).ConfigureAwait(false);
            var (pipeline, exit) = await PipelineCommandSupport.FindAsync(workspace, parse.GetValue(name)!, ct).ConfigureAwait(false);
            if (pipeline is null)
            {
                return exit;
            }

            var dispatcher = workspace.Services.GetRequiredService<PipelineDispatcher>();
            var (queued, existing, error) = await dispatcher.QueueBackfillAsync(pipeline, start, end, MaxIntervals, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return CliConsole.Error(error, 2);
            }

            console.Line($"{queued.Count} run(s) to backfill; {existing} interval(s) already have a run");
            var results = new List<PipelineRun>();
            foreach (var run in queued)
            {
                if (await dispatcher.ExecuteAsync(pipeline, run, ct).ConfigureAwait(false) is { } ended)
                {
                    results.Add(ended);
                    console.Line($"run {ended.Id} for {ended.LogicalDate:u}: {ended.State.ToString().ToLowerInvariant()}{(ended.Error is null ? string.Empty : " — " + ended.Error)}");
                }
            }

            console.WriteJson(new { queued = results, existing });
            var failed = results.Count(r => r.State != PipelineRunState.Succeeded);
            return failed == 0 ? 0 : CliConsole.Error($"{failed} of {results.Count} backfill run(s) failed");
        });
        return command;
    }

    private static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
