using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Runs;

internal static class ListRunsCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment", "-e") { Description = "Only runs of this experiment (by name)." };
        var filter = new Option<string?>("--filter") { Description = "MLflow search filter, e.g. \"metrics.auc > 0.8 AND params.trainer = 'LightGbm'\"." };
        var orderBy = new Option<string[]>("--order-by") { Description = "Order terms, e.g. \"metrics.auc DESC\" (repeatable).", AllowMultipleArgumentsPerToken = true };
        var max = new Option<int>("--max") { Description = "At most this many runs.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List runs, newest first.");
        command.Options.Add(experiment);
        command.Options.Add(filter);
        command.Options.Add(orderBy);
        command.Options.Add(max);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var queries = workspace.Services.GetRequiredService<RunQueries>();

            var result = await queries.ListAsync(parse.GetValue(experiment), parse.GetValue(filter), parse.GetValue(orderBy) ?? [], parse.GetValue(max), ct).ConfigureAwait(false);
            if (result.Error is { } failure)
            {
                return CliConsole.Error(failure.Message);
            }

            var runs = result.Value!;
            console.WriteJson(runs);
            if (runs.Count == 0)
            {
                console.Line("No runs.");
                return 0;
            }

            console.Table(
                ["run id", "experiment", "name", "status", "started (UTC)", "duration", "metrics"],
                runs.Select(r => (IReadOnlyList<string>)[r.Info.RunId, r.Info.ExperimentId, r.Info.RunName, r.Info.Status, RunFormat.Time(r.Info.StartTime), RunFormat.Duration(r.Info), RunFormat.Metrics(r)]));
            return 0;
        });
        return command;
    }
}
