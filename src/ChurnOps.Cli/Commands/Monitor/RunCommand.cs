using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Monitoring.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Cli.Commands.Monitor;

/// <summary>`churnops monitor run`: one monitoring pass over the live predictions of a model (drift, performance, alerts, retraining).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "The model (default: model.name from churnops.yaml)." };
        var window = new Option<string?>("--window") { Description = "How far back from now to look: 1d, 12h, 30m… (default: monitoring.window)." };
        var version = new Option<int?>("--version") { Description = "Only this model version (one deployment arm); default: every version that predicted in the window." };
        var noRetrain = new Option<bool>("--no-retrain") { Description = "Raise alerts but start no retraining, whatever monitoring.retrain.on says." };
        var command = new Command("run", "Compare the window's logged predictions with each version's training set: drift per column, estimated and realised performance, alerts to the owning team, retraining triggers.");
        command.Options.Add(model);
        command.Options.Add(window);
        command.Options.Add(version);
        command.Options.Add(noRetrain);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var (span, windowError) = MonitoringWindow.Parse(parse.GetValue(window) ?? workspace.Config.Monitoring.Window, "--window");
            if (span is null)
            {
                return CliConsole.Error(windowError!, 2);
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var raiser = ActivatorUtilities.CreateInstance<AlertRaiser>(workspace.Services, new LogAlertSink(NullLogger<LogAlertSink>.Instance), http);
            var monitor = ActivatorUtilities.CreateInstance<LiveMonitor>(workspace.Services, raiser);
            var request = new MonitorRunRequest(parse.GetValue(model) ?? workspace.Config.Model.Name, span.Value, parse.GetValue(version), !parse.GetValue(noRetrain), Environment.UserName);
            var result = await console.StepAsync($"Monitoring {request.Model} over the last {MonitoringWindow.Format(span.Value)}", () => monitor.RunAsync(request, ct)).ConfigureAwait(false);
            console.WriteJson(result);
            if (!result.Succeeded)
            {
                return CliConsole.Error(result.Error!);
            }

            foreach (var arm in result.Arms)
            {
                Print(console, result.Model, arm);
            }

            foreach (var trigger in result.Triggers)
            {
                console.Line($"trigger {trigger.Kind} ({trigger.Cause}): {trigger.Detail}");
            }

            if (result.Retraining is { Run: { } run })
            {
                console.Line($"retraining #{run.Id} {run.Status}: run {run.TrainingRunId ?? "-"}, version {(run.RegisteredVersion is { } v ? v.ToString(CultureInfo.InvariantCulture) + " (awaiting approval)" : "none")}"
                    + (run.Error is null ? string.Empty : $"; {run.Error}"));
            }
            else if (result.Retraining is { NotStarted: { } why } && result.Triggers.Count > 0)
            {
                console.Line("no retraining: " + why);
            }

            return 0;
        });
        return command;
    }

    private static void Print(CliConsole console, string model, ArmReport arm)
    {
        console.Line(string.Create(CultureInfo.InvariantCulture, $"{model} v{arm.ModelVersion}: {arm.Predictions:N0} predictions"));
        if (arm.Drift is { } drift)
        {
            console.Table(["column", "test", "statistic", "p-value / distance", "threshold", "drift", "reference n", "current n", "note"], drift.Columns.Select(c => (IReadOnlyList<string>)
                [c.Column, DriftTestNames.NameOf(c.Test), Number(c.Statistic), Number(c.Score), Number(c.Threshold), c.Drifted ? "DRIFT" : "ok",
                 c.ReferenceCount.ToString(CultureInfo.InvariantCulture), c.CurrentCount.ToString(CultureInfo.InvariantCulture), Note(c)]));
            console.Line(string.Create(CultureInfo.InvariantCulture, $"drifted input columns: {drift.DriftedFeatureColumns} of {drift.FeatureColumns} (dataset drift: {(drift.DatasetDrift ? "yes" : "no")}, at share {drift.DatasetDriftShare:0.##})"));
        }

        var realised = arm.Realised?.Windows.FirstOrDefault();
        if (arm.Estimated is { } estimate)
        {
            foreach (var metric in estimate.Metrics)
            {
                var actual = metric.Name.Contains("auc", StringComparison.OrdinalIgnoreCase) ? realised?.Auc : metric.Name.Contains("precision", StringComparison.OrdinalIgnoreCase) ? realised?.Precision : realised?.Recall;
                console.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  {metric.Name}: estimated {metric.Value:0.###} [{metric.Lower:0.###}, {metric.Upper:0.###}] (reference {metric.ReferenceValue:0.###}); realised {(actual is { } a ? a.ToString("0.###", CultureInfo.InvariantCulture) : "-")}"));
            }
        }

        if (arm.Realised is { } labels)
        {
            if (realised is not null)
            {
                console.Line(string.Create(CultureInfo.InvariantCulture, $"  labels: {realised.Labelled:N0} of {realised.Predictions:N0} predictions labelled ({realised.Positives:N0} churned)"));
            }

            if (labels.LabelsWithoutPrediction > 0)
            {
                console.Line(string.Create(CultureInfo.InvariantCulture, $"  {labels.LabelsWithoutPrediction:N0} labels are for customers {model} never scored (e.g. {string.Join(", ", labels.UnknownCustomerSamples)})"));
            }

            if (labels.Note is { } note)
            {
                console.Line("  " + note);
            }
        }

        foreach (var alert in arm.Alerts)
        {
            console.Line($"  alert #{alert.Alert.Id} {alert.Alert.Type} [{alert.Alert.Severity}] → {alert.Alert.Team}{(alert.Created ? string.Empty : " (already open)")}: {alert.Alert.Message} (runbook {alert.Alert.Runbook})");
            foreach (var failure in alert.DeliveryErrors)
            {
                console.Line("  delivery failed: " + failure);
            }
        }

        foreach (var note in arm.Notes)
        {
            console.Line("  note: " + note);
        }
    }

    private static string Note(ColumnDriftResult column) =>
        column.Error ?? string.Join("; ", new[]
        {
            column.NewCategoryCount > 0 ? $"new: {string.Join(", ", column.NewCategories)}" : null,
            column.NullShareRose ? string.Create(CultureInfo.InvariantCulture, $"nulls {column.ReferenceNullShare:P1} → {column.CurrentNullShare:P1}") : null,
        }.Where(n => n is not null));

    private static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
