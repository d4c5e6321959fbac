using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Runs;

internal static class CompareRunsCommand
{
    public static Command Create()
    {
        var runIds = new Argument<string[]>("runs") { Description = "Two or more run ids.", Arity = new ArgumentArity(2, 100) };
        var command = new Command("compare", "Compare runs side by side: params (differences marked) and latest metrics.");
        command.Arguments.Add(runIds);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var queries = workspace.Services.GetRequiredService<RunQueries>();

            var result = await queries.CompareAsync(parse.GetValue(runIds) ?? [], ct).ConfigureAwait(false);
            if (result.Error is { } failure)
            {
                return CliConsole.Error(failure.Message);
            }

            var comparison = result.Value!;
            console.WriteJson(comparison);
            IReadOnlyList<string> headers = ["", .. comparison.Runs.Select(r => $"{r.RunName} ({r.RunId[..8]})")];
            var rows = new List<IReadOnlyList<string>>();
            rows.AddRange(comparison.Params.Select(p => (IReadOnlyList<string>)[(p.Differs ? "* " : "  ") + "params." + p.Key, .. p.Values.Select(v => v ?? "-")]));
            rows.AddRange(comparison.Metrics.Select(m => (IReadOnlyList<string>)["  metrics." + m.Key, .. m.Values.Select(RunFormat.Number)]));
            console.Table(headers, rows);
            console.Line("* params that differ between runs");
            return 0;
        });
        return command;
    }
}
