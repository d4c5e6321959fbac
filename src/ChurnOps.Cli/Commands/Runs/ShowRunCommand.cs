using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Runs;

internal static class ShowRunCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run") { Description = "The run id (32 hex characters)." };
        var command = new Command("show", "Show one run: attributes, params, metrics, tags and dataset inputs.");
        command.Arguments.Add(runId);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var queries = workspace.Services.GetRequiredService<RunQueries>();

            var result = await queries.GetAsync(parse.GetValue(runId)!, ct).ConfigureAwait(false);
            if (result.Error is { } failure)
            {
                return CliConsole.Error(failure.Message);
            }

            var run = result.Value!;
            console.WriteJson(run);
            var info = run.Info;
            console.Table(
                ["attribute", "value"],
                [
                    ["run id", info.RunId],
                    ["name", info.RunName],
                    ["experiment", info.ExperimentId],
                    ["status", info.Status],
                    ["user", info.UserId],
                    ["started (UTC)", RunFormat.Time(info.StartTime)],
                    ["ended (UTC)", RunFormat.Time(info.EndTime)],
                    ["duration", RunFormat.Duration(info)],
                    ["artifacts", info.ArtifactUri],
                    ["lifecycle", info.LifecycleStage],
                ]);
            Section(console, "params", ["param", "value"], run.Data.Params.Select(p => (IReadOnlyList<string>)[p.Key, p.Value]));
            Section(console, "metrics", ["metric", "value", "step", "logged (UTC)"], run.Data.Metrics.Select(m => (IReadOnlyList<string>)[m.Key, RunFormat.Number(m.Value), m.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), RunFormat.Time(m.Timestamp)]));
            Section(console, "tags", ["tag", "value"], run.Data.Tags.Select(t => (IReadOnlyList<string>)[t.Key, t.Value]));
            Section(console, "inputs", ["dataset", "digest", "source", "context"], run.Inputs.Select(i => (IReadOnlyList<string>)[i.Dataset.Name, i.Dataset.Digest, i.Dataset.Source, i.Tags.FirstOrDefault(t => t.Key == "mlflow.data.context")?.Value ?? "-"]));
            return 0;
        });
        return command;
    }

    private static void Section(CliConsole console, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        console.Line(string.Empty);
        console.Line(title);
        console.Table(headers, list);
    }
}
