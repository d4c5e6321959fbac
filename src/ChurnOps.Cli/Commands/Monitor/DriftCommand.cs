using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Platform.Monitoring.Drift;

namespace ChurnOps.Cli.Commands.Monitor;

/// <summary>`churnops monitor drift --reference FILE --current FILE`: the per-column drift table (or --json) for two files.</summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var inputs = new DriftInputOptions();
        var command = new Command("drift", "Compare two CSV/Parquet files column by column with Evidently's default drift tests.");
        inputs.AddTo(command);
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

            Print(console, report);
            console.WriteJson(DriftReportDocument.From(report, request.ReferencePath, request.CurrentPath));
            return 0;
        });
        return command;
    }

    internal static void Print(CliConsole console, DriftReport report)
    {
        console.Table(
            ["column", "test", "statistic", "p-value/distance", "threshold", "drift", "ref/cur values", "nulls ref/cur", "notes"],
            report.Columns.Select(c => (IReadOnlyList<string>)
            [
                c.Column,
                DriftTestNames.NameOf(c.Test),
                Number(c.Statistic),
                Number(c.Score),
                Number(c.Threshold),
                c.Error is null ? (c.Drifted ? "DRIFT" : "no") : "not tested",
                string.Create(CultureInfo.InvariantCulture, $"{c.ReferenceCount:N0}/{c.CurrentCount:N0}"),
                string.Create(CultureInfo.InvariantCulture, $"{c.ReferenceNullShare:P1}/{c.CurrentNullShare:P1}"),
                Notes(c),
            ]));
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"{(report.DatasetDrift ? "Dataset drift" : "No dataset drift")}: {report.DriftedFeatureColumns} of {report.FeatureColumns} columns drifted ({report.DriftShare:P0}; threshold {report.DatasetDriftShare:P0})."));
    }

    private static string Notes(ColumnDriftResult c)
    {
        var notes = new List<string>();
        if (c.Error is { } error)
        {
            notes.Add(error);
        }

        if (c.NullShareRose)
        {
            notes.Add("null share rose");
        }

        if (c.NewCategoryCount > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{c.NewCategoryCount} new: {string.Join(", ", c.NewCategories.Take(5))}"));
        }

        return string.Join("; ", notes);
    }

    private static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
