using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Monitoring.Drift;

namespace ChurnOps.Cli.Commands.Monitor;

/// <summary>`churnops monitor report --reference FILE --current FILE --html OUT`: the drift report as one offline HTML file.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var inputs = new DriftInputOptions();
        var html = new Option<string>("--html") { Description = "Where to write the self-contained HTML report (written whole or not at all).", Required = true };
        var command = new Command("report", "Write the drift report of two CSV/Parquet files as self-contained HTML (tables and histograms, no internet needed).");
        inputs.AddTo(command);
        command.Options.Add(html);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
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

            var path = Path.GetFullPath(parse.GetValue(html)!);
            await DriftHtmlReport.WriteAsync(path, report, request.ReferencePath, request.CurrentPath, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
            DriftCommand.Print(console, report);
            console.Line($"Report: {path}");
            console.WriteJson(new { html = path, datasetDrift = report.DatasetDrift, driftedFeatureColumns = report.DriftedFeatureColumns, featureColumns = report.FeatureColumns });
            return 0;
        });
        return command;
    }
}
