using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

/// <summary>What the pipelines commands share: finding a pipeline that validates, ending dead runs, printing runs.</summary>
internal static class PipelineCommandSupport
{
    /// <summary>The named pipeline, or the exit code after printing why it cannot be used (its errors, or that it does not exist).</summary>
    public static async Task<(PipelineDefinition? Pipeline, int ExitCode)> FindAsync(ChurnOpsWorkspace workspace, string name, CancellationToken ct)
    {
        var catalog = await workspace.Services.GetRequiredService<PipelineCatalog>().LoadAsync(ct).ConfigureAwait(false);
        if (catalog.Find(name) is { } pipeline)
        {
            return (pipeline, 0);
        }

        var mine = catalog.Issues.Where(i => i.IsError && Path.GetFileNameWithoutExtension(i.File) == name).ToList();
        if (mine.Count > 0)
        {
            return (null, CliConsole.Errors(string.Join('\n', mine.Select(i => i.ToString()))));
        }

        var known = string.Join(", ", catalog.Pipelines.Select(p => p.Name));
        return (null, CliConsole.Error($"no pipeline '{TerminalText.Line(name)}' in {workspace.Layout.PipelinesDir} (pipelines: {(known.Length == 0 ? "none" : known)})"));
    }

    /// <summary>Ends runs whose process died (their lease lapsed), saying so on stderr.</summary>
    public static async Task ReapAsync(ChurnOpsWorkspace workspace, CancellationToken ct)
    {
        foreach (var run in await workspace.Services.GetRequiredService<PipelineDispatcher>().ReapAsync(ct).ConfigureAwait(false))
        {
            Console.Error.WriteLine(TerminalText.Line($"note: pipeline run {run.Id} ({run.Pipeline}) marked failed: {run.Error}"));
        }
    }

    public static IReadOnlyList<string> Row(PipelineRun run) =>
    [
        run.Id.ToString(CultureInfo.InvariantCulture),
        run.Pipeline,
        run.State.ToString().ToLowerInvariant(),
        run.Trigger,
        run.LogicalDate.ToString("u", CultureInfo.InvariantCulture),
        run.StartedAt?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty,
        run.StartedAt is { } s && run.EndedAt is { } e ? (e - s).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s" : string.Empty,
        run.Error ?? string.Empty,
    ];

    public static readonly IReadOnlyList<string> Headers = ["run", "pipeline", "state", "trigger", "logical date", "started", "took", "error"];

    /// <summary>Prints a finished run's steps and returns the exit code: 0 when it succeeded.</summary>
    public static async Task<int> ReportAsync(ChurnOpsWorkspace workspace, CliConsole console, PipelineRun run, CancellationToken ct)
    {
        var attempts = await workspace.Services.GetRequiredService<IPipelineRunStore>().ListAttemptsAsync(run.Id, ct).ConfigureAwait(false);
        console.WriteJson(new { run, attempts });
        console.Table(["step", "attempt", "state", "took", "error / outputs"], attempts.Select(a => (IReadOnlyList<string>)
        [
            a.Step,
            a.Attempt.ToString(CultureInfo.InvariantCulture),
            a.State.ToString().ToLowerInvariant(),
            a.EndedAt is { } end ? (end - a.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s" : string.Empty,
            a.Error ?? string.Join(", ", a.Outputs.Select(o => $"{o.Key}={o.Value}")),
        ]));
        if (run.State == PipelineRunState.Succeeded)
        {
            console.Line($"run {run.Id} ({run.Pipeline}) succeeded");
            return 0;
        }

        return CliConsole.Error($"run {run.Id} ({run.Pipeline}) {run.State.ToString().ToLowerInvariant()}: {run.Error} (churnops pipelines logs {run.Id})");
    }
}
