using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Monitoring.Drift;
using ChurnOps.Platform.Monitoring.Live;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Cli.Commands.Monitor;

/// <summary>
/// `churnops monitor report --html OUT`: the project's live monitoring report (performance over time, estimated next to
/// realised, and the newest window's drift per model version) as one offline HTML file; with --reference and --current,
/// the drift report of two files instead.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The default number of windows the performance-over-time series covers.</summary>
    private const int DefaultWindows = 8;

    public static Command Create()
    {
        var inputs = new DriftInputOptions();
        inputs.Reference.Required = false;
        inputs.Current.Required = false;
        inputs.Reference.Description = "Compare two files instead of reporting on the project: the reference data (CSV with a header line, or Parquet).";
        inputs.Current.Description = "With --reference: the current data (CSV or Parquet) to compare with it.";
        var html = new Option<string>("--html") { Description = "Where to write the self-contained HTML report (written whole or not at all).", Required = true };
        var model = new Option<string?>("--model", "-m") { Description = "The model (default: model.name from churnops.yaml)." };
        var window = new Option<string?>("--window") { Description = "Each window's length: 1d, 12h, 30m… (default: monitoring.window); drift is the newest window's." };
        var windows = new Option<int>("--windows") { Description = $"How many windows back from now the performance over time covers (default {DefaultWindows}).", DefaultValueFactory = _ => DefaultWindows };
        var version = new Option<int?>("--version") { Description = "Only this model version (one deployment arm); default: every version that predicted." };
        var command = new Command("report", "Write the monitoring report as self-contained HTML: performance over time (estimated with its band, and realised once labels arrive) and drift per model version; with --reference/--current, the drift report of two files.");
        inputs.AddTo(command);
        command.Options.Add(html);
        command.Options.Add(model);
        command.Options.Add(window);
        command.Options.Add(windows);
        command.Options.Add(version);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var path = Path.GetFullPath(parse.GetValue(html)!);
            var (reference, current) = (parse.GetValue(inputs.Reference), parse.GetValue(inputs.Current));
            if (reference is null && current is null)
            {
                return await ProjectReportAsync(console, path, parse.GetValue(inputs.Dir)!, parse.GetValue(model), parse.GetValue(window), parse.GetValue(windows), parse.GetValue(version), ct).ConfigureAwait(false);
            }

            if (reference is null || current is null)
            {
                return CliConsole.Error("--reference and --current go together: give both to compare two files, or neither to report on the project's live predictions", 2);
            }

            var (request, errors) = inputs.Read(parse);
            if (request is null)
            {
                return CliConsole.Errors(errors!, 2);
            }

            var outcome = await DriftFileComparison.CreateDefault().CompareAsync(request, ct).ConfigureAwait(false);
            if (outcome.Report is not { } report)
            {
                return CliConsole.Error(outcome.Error!);
            }

            await DriftHtmlReport.WriteAsync(path, report, request.ReferencePath, request.CurrentPath, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
            DriftCommand.Print(console, report);
            console.Line($"Report: {path}");
            console.WriteJson(new { html = path, datasetDrift = report.DatasetDrift, driftedFeatureColumns = report.DriftedFeatureColumns, featureColumns = report.FeatureColumns });
            return 0;
        });
        return command;
    }

    /// <summary>A monitoring look that changes nothing (no alerts, events or retraining), rendered to HTML; --json prints the same result.</summary>
    private static async Task<int> ProjectReportAsync(CliConsole console, string path, string dir, string? model, string? window, int windows, int? version, CancellationToken ct)
    {
        if (windows is < 1 or > 1000)
        {
            return CliConsole.Error($"--windows: {windows} is out of range; give 1 to 1000", 2);
        }

        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(dir, ProjectAccess.ReadOnly, TimeProvider.System, ct).ConfigureAwait(false);
        if (workspace is null)
        {
            return CliConsole.Errors(error!, 1);
        }

        var (span, windowError) = MonitoringWindow.Parse(window ?? workspace.Config.Monitoring.Window, "--window");
        if (span is null)
        {
            return CliConsole.Error(windowError!, 2);
        }

        // The raiser is only there because the monitor takes one: a report raises nothing (RaiseAlerts = false).
        using var http = new HttpClient();
        var monitor = ActivatorUtilities.CreateInstance<LiveMonitor>(workspace.Services, ActivatorUtilities.CreateInstance<AlertRaiser>(workspace.Services, new LogAlertSink(NullLogger<LogAlertSink>.Instance), http));
        var request = new MonitorRunRequest(model ?? workspace.Config.Model.Name, span.Value, version, Retrain: false, Environment.UserName) { Windows = windows, RaiseAlerts = false };
        var result = await console.StepAsync($"Reporting on {request.Model} over {windows} windows of {MonitoringWindow.Format(span.Value)}", () => monitor.RunAsync(request, ct)).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return CliConsole.Error(result.Error!);
        }

        await MonitoringHtmlReport.WriteAsync(path, result, span.Value, workspace.Config.Gates, workspace.Time.GetUtcNow(), ct).ConfigureAwait(false);
        foreach (var arm in result.Arms)
        {
            var estimated = arm.Timeline.Count(p => p.Estimated is not null);
            var realised = arm.Timeline.Count(p => p.Realised is { Labelled: > 0 });
            console.Line($"{result.Model} v{arm.ModelVersion}: {arm.Predictions:N0} predictions; {estimated} of {arm.Timeline.Count} windows estimated, {realised} with labels; "
                + (arm.Drift is { } drift ? $"{drift.DriftedFeatureColumns} of {drift.FeatureColumns} input columns drifted in the newest window" : "no drift report"));
        }

        console.Line($"Report: {path}");
        console.WriteJson(new { html = path, result.Model, result.From, result.To, window = MonitoringWindow.Format(span.Value), windows, result.Arms });
        return 0;
    }
}
