using System.Globalization;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Monitoring.Live;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: monitor</c>: one monitoring pass over the window's logged predictions (what `churnops monitor run` does):
/// drift, estimated and realised performance, alerts to the owning team, and the retraining its triggers start. Drift is
/// a finding, not a failed step. Args: <c>model</c>, <c>window</c> (default <c>monitoring.window</c>), <c>version</c>,
/// <c>retrain</c> (<c>false</c> raises alerts only). Outputs <c>drifted_columns</c>, <c>alerts</c>, <c>triggers</c>,
/// <c>retraining_version</c> when a retraining registered one.
/// </summary>
internal sealed class MonitorStepAction(IServiceProvider services, ProjectConfig config) : IPipelineStepAction
{
    public string Name => "monitor";

    public IReadOnlyList<string> Arguments { get; } = ["model", "window", "version", "retrain"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (window, windowError) = MonitoringWindow.Parse(context.Arg("window", config.Monitoring.Window), "monitor: window");
        if (window is null)
        {
            return StepOutcome.Failure(windowError!);
        }

        int? version = null;
        if (context.Arg("version") is { Length: > 0 } versionText)
        {
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return StepOutcome.Failure($"monitor: version '{versionText}' is not a model version (a positive whole number)");
            }

            version = parsed;
        }

        var retrainText = context.Arg("retrain", "true")!;
        if (!bool.TryParse(retrainText, out var retrain))
        {
            return StepOutcome.Failure($"monitor: retrain '{retrainText}' is neither true nor false");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var raiser = ActivatorUtilities.CreateInstance<AlertRaiser>(services, new LogAlertSink(NullLogger<LogAlertSink>.Instance), http);
        var monitor = ActivatorUtilities.CreateInstance<LiveMonitor>(services, raiser);
        var request = new MonitorRunRequest(context.Arg("model", config.Model.Name)!, window.Value, version, retrain, $"pipeline:{context.Run.Pipeline}");
        var result = await monitor.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return StepOutcome.Failure("monitor: " + result.Error);
        }

        var drifted = result.Arms.SelectMany(a => a.DriftedColumns).Distinct(StringComparer.Ordinal).ToList();
        foreach (var arm in result.Arms)
        {
            context.Log($"version {arm.ModelVersion}: {arm.Predictions} predictions, drifted: {(arm.DriftedColumns.Count == 0 ? "none" : string.Join(", ", arm.DriftedColumns))}"
                + (arm.BelowGate.Count == 0 ? string.Empty : "; below gate: " + string.Join(", ", arm.BelowGate)));
        }

        var outputs = new Dictionary<string, string>
        {
            ["drifted_columns"] = string.Join(",", drifted),
            ["alerts"] = result.Arms.Sum(a => a.Alerts.Count).ToString(CultureInfo.InvariantCulture),
            ["triggers"] = string.Join(",", result.Triggers.Select(t => t.Kind)),
        };
        if (result.Retraining is { Run.RegisteredVersion: { } registered })
        {
            outputs["retraining_version"] = registered.ToString(CultureInfo.InvariantCulture);
            context.Log($"retraining registered version {registered} (awaiting approval)");
        }

        return StepOutcome.Success(outputs);
    }
}
