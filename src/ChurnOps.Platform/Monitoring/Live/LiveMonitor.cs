using System.Globalization;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Data;
using ChurnOps.Core.Events;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Core.Monitoring.Estimation;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Retraining;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Monitoring.Labels;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Retraining;
using ChurnOps.Platform.Serving;
using ChurnOps.Platform.Tracking;
using ChurnOps.Platform.Training;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// One monitoring pass over live predictions (`churnops monitor run`): for each model version that predicted in the
/// window, drift of its logged inputs and scores against the training set it was trained on, the CBPE estimate and the
/// realised performance from labels, alerts to the owning team (one open per cause), the event
/// <c>drift.&lt;model&gt;.detected</c>, and the retraining the fired triggers start (one per pass, recording every cause).
/// </summary>
public sealed class LiveMonitor(
    ProjectConfig config,
    IWarehouse warehouse,
    IModelRegistry registry,
    IArtifactStore artifacts,
    RunLogger runs,
    IEventLog events,
    IRetrainingStore retrainings,
    TrainingUseCase training,
    FeatureStore features,
    TimeProvider time,
    AlertRaiser alerts)
{
    private readonly IDriftDetector _drift = new DriftAnalyzer();

    public async Task<MonitorRunResult> RunAsync(MonitorRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var to = time.GetUtcNow();
        var from = to - request.Window;
        var windows = Math.Max(1, request.Windows);
        var predictions = new LivePredictions(warehouse);
        var (arms, armsError) = await predictions.ArmsAsync(request.Model, request.Version, to - (request.Window * windows), to, ct).ConfigureAwait(false);
        if (armsError is not null)
        {
            return MonitorRunResult.Failed(request.Model, from, to, armsError);
        }

        var team = await ModelOwner.ResolveAsync(config, features.Registry, ct).ConfigureAwait(false);
        var horizon = MonitoringWindow.Parse(config.Monitoring.LabelHorizon, "monitoring.label_horizon").Span ?? TimeSpan.FromDays(90);
        var reports = new List<ArmReport>();
        var triggers = new List<RetrainingTrigger>();
        var newest = DateTimeOffset.MinValue;
        foreach (var (version, rows) in arms)
        {
            var modelVersion = await registry.GetAsync(request.Model, version, ct).ConfigureAwait(false);
            if (modelVersion is null)
            {
                reports.Add(new ArmReport(version, rows) { Notes = [$"version {version} of '{request.Model}' is not in the registry; its predictions cannot be compared with a training set"] });
                continue;
            }

            newest = modelVersion.CreatedAt > newest ? modelVersion.CreatedAt : newest;
            var report = await MonitorArmAsync(predictions, modelVersion, rows, from, to, windows, horizon, ct).ConfigureAwait(false);
            if (request.RaiseAlerts)
            {
                report = await RaiseAsync(report, request.Model, team, from, to, triggers, ct).ConfigureAwait(false);
            }
            reports.Add(report);
        }

        if (newest > DateTimeOffset.MinValue && request.RaiseAlerts)
        {
            var eventTypes = config.Monitoring.Retrain.EventTypes.ToHashSet(StringComparer.Ordinal);
            triggers.AddRange(await new DataEventTriggers(events, retrainings).PendingAsync(eventTypes, newest, ct).ConfigureAwait(false));
        }

        RetrainingOutcome? retraining = null;
        if (request.Retrain && request.RaiseAlerts)
        {
            retraining = await new Retrainer(config, retrainings, training, runs, time).RetrainAsync(request.Model, triggers, request.User, ct).ConfigureAwait(false);
        }

        return new MonitorRunResult(true, null, request.Model, from, to, reports, triggers, retraining);
    }

    private async Task<ArmReport> MonitorArmAsync(LivePredictions predictions, ModelVersion version, long rows, DateTimeOffset from, DateTimeOffset to, int windows, TimeSpan horizon, CancellationToken ct)
    {
        var notes = new List<string>();
        var window = to - from;
        var realised = await new RealisedPerformanceReader(warehouse, config).ReadAsync(version.ModelName, version.Version, to, window, windows, horizon, ct).ConfigureAwait(false);
        var report = new ArmReport(version.Version, rows)
        {
            // The gates and the printout judge the newest window; the older ones are the timeline's.
            Realised = realised with { Windows = realised.Windows.Where(w => w.To == to).ToList() },
        };
        var root = await runs.GetArtifactRootAsync(version.RunId, ct).ConfigureAwait(false);
        var reference = await TrainingReference.ReadAsync(artifacts, root, ct).ConfigureAwait(false);
        if (reference is null)
        {
            const string NoReference = "no training set was kept to calibrate the estimate on";
            return report with
            {
                Notes = [$"version {version.Version} has no kept training set (it was trained before references were kept); retrain to monitor its drift"],
                Timeline = await TimelineAsync(predictions, version, null, NoReference, to, window, windows, realised, ct).ConfigureAwait(false),
            };
        }

        var label = version.Lineage.LabelColumn ?? config.Model.Label;
        var inputs = reference.Columns.Where(c => !c.Name.Equals(label, StringComparison.OrdinalIgnoreCase)).ToList();
        var live = await predictions.ReadArmAsync(version.ModelName, version.Version, from, to, inputs, ct).ConfigureAwait(false);

        // The model's scores on its own training set: the reference for prediction drift and CBPE's calibration.
        double[]? referenceScores = null;
        var threshold = 0.5;
        var (served, servedError) = await new ServedModelCache(config, registry, artifacts, time).GetVersionAsync(version.ModelName, version.Version, ct).ConfigureAwait(false);
        if (served is not null)
        {
            referenceScores = Array.ConvertAll(served.Engine.ScoreBatch(new TabularData(inputs)), s => (double)s);
            threshold = served.Engine.Threshold;
        }
        else
        {
            notes.Add($"version {version.Version} could not be loaded to score its training set ({servedError}); no prediction drift or estimate");
        }

        var referenceColumns = inputs.Select(c => DriftColumnData.From(c)).ToList();
        var currentColumns = live.Inputs.Columns.Select(c => DriftColumnData.From(c)).ToList();
        if (referenceScores is not null)
        {
            referenceColumns.Add(DriftColumnData.Numeric("prediction", referenceScores, DriftColumnRole.Prediction));
            currentColumns.Add(DriftColumnData.Numeric("prediction", live.Probabilities, DriftColumnRole.Prediction));
        }

        var drift = _drift.Detect(referenceColumns, currentColumns, config.Monitoring.Drift.ToOptions(), ct);
        if (!drift.Succeeded)
        {
            notes.Add("drift: " + drift.Error);
        }

        CbpeEstimator? estimator = null;
        var noEstimate = "the model could not score its training set";
        if (referenceScores is not null && reference.TryGetColumn(label, out var labels) && labels.Numbers is { } labelValues)
        {
            var fit = CbpeEstimator.Fit(referenceScores, Array.ConvertAll(labelValues, v => v == 1), new CbpeOptions { Threshold = threshold });
            estimator = fit.Estimator;
            if (fit.Error is { } fitError)
            {
                noEstimate = fitError;
                notes.Add("estimate: " + fitError);
            }
        }
        else if (referenceScores is not null)
        {
            noEstimate = $"the training set has no numeric label column '{label}' to calibrate on";
        }

        // The newest point is this window: the same predictions in the same order as the drift's, so its estimate is the run's.
        var timeline = await TimelineAsync(predictions, version, estimator, noEstimate, to, window, windows, realised, ct).ConfigureAwait(false);
        var estimate = timeline[^1].Estimated;
        if (estimator is not null && timeline[^1].Note is { } windowError)
        {
            notes.Add("estimate: " + windowError);
        }

        return report with
        {
            Drift = drift.Report,
            DriftedColumns = drift.Report?.Columns.Where(c => c.Drifted && c.Role == DriftColumnRole.Feature).Select(c => c.Column).ToList() ?? [],
            Estimated = estimate,
            Timeline = timeline,
            BelowGate = BelowGate(estimate, report.Realised),
            Notes = [.. report.Notes, .. notes],
        };
    }

    /// <summary>
    /// Performance over time, oldest window first: each window's CBPE estimate from its scores (when the version could be
    /// calibrated) next to its realised metrics (once labels arrived), on the same window grid as the realised reader.
    /// </summary>
    private static async Task<List<PerformancePoint>> TimelineAsync(LivePredictions predictions, ModelVersion version, CbpeEstimator? estimator, string noEstimate,
        DateTimeOffset to, TimeSpan window, int windows, RealisedPerformanceReport realised, CancellationToken ct)
    {
        var (scoredAt, probabilities) = await predictions.ScoresAsync(version.ModelName, version.Version, to - (window * windows), to, ct).ConfigureAwait(false);
        var perWindow = new List<double>[windows];
        for (var k = 0; k < windows; k++)
        {
            perWindow[k] = [];
        }

        for (var i = 0; i < probabilities.Length; i++)
        {
            var age = to - LiveWindowQuery.FromEpochSeconds(scoredAt[i]);
            perWindow[LiveWindowQuery.WindowOf(age, window, windows)].Add(probabilities[i]);
        }

        var points = new List<PerformancePoint>(windows);
        for (var k = windows - 1; k >= 0; k--)
        {
            var end = to - (window * k);
            var actual = realised.Windows.FirstOrDefault(w => w.ModelVersion == version.Version && w.To == end);
            var point = new PerformancePoint(end - window, end, perWindow[k].Count, null, actual);
            if (perWindow[k].Count == 0)
            {
                point = point with { Note = "no predictions in this window" };
            }
            else if (estimator is null)
            {
                point = point with { Note = noEstimate };
            }
            else
            {
                var outcome = estimator.Estimate(perWindow[k]);
                point = point with { Estimated = outcome.Estimate, Note = outcome.Error };
            }

            points.Add(point);
        }

        return points;
    }

    private async Task<ArmReport> RaiseAsync(ArmReport report, string model, string team, DateTimeOffset from, DateTimeOffset to, List<RetrainingTrigger> triggers, CancellationToken ct)
    {
        var raised = new List<RaisedAlert>();
        var windowText = MonitoringWindow.Format(to - from);
        if (report.Drift is { } drift && report.DriftedColumns.Count > 0)
        {
            var message = $"{model} v{report.ModelVersion}: {report.DriftedColumns.Count} of {drift.FeatureColumns} input columns drifted from the training set in the last {windowText} ({string.Join(", ", report.DriftedColumns)})";
            var alert = await alerts.RaiseAsync(new Alert(0, Alert.DriftDetected, $"{model}/v{report.ModelVersion}", "column drift", $"{report.DriftedColumns.Count}/{drift.FeatureColumns} columns",
                $"any column; dataset drift at share {drift.DatasetDriftShare.ToString("0.##", CultureInfo.InvariantCulture)}", team, message, time.GetUtcNow())
            {
                Cause = $"drift:{model}:v{report.ModelVersion}",
                Severity = drift.DatasetDrift ? AlertSeverity.Critical : AlertSeverity.Warning,
                EvidenceJson = MonitoringEvidence.Drift(model, report.ModelVersion, from, to, drift),
            }, ct).ConfigureAwait(false);
            raised.Add(alert);
            if (alert.Created)
            {
                await events.AppendAsync($"drift.{model}.detected", $"{model}/{report.ModelVersion}",
                    $$"""{"version":{{report.ModelVersion}},"alert":{{alert.Alert.Id}},"columns":[{{string.Join(",", report.DriftedColumns.Select(c => System.Text.Json.JsonSerializer.Serialize(c)))}}]}""", ct).ConfigureAwait(false);
            }

            triggers.Add(new RetrainingTrigger(RetrainSettings.Drift, $"alert:{alert.Alert.Id}", message));
        }

        if (report.BelowGate.Count > 0)
        {
            var message = $"{model} v{report.ModelVersion}: {string.Join("; ", report.BelowGate)} in the last {windowText}";
            var alert = await alerts.RaiseAsync(new Alert(0, Alert.PerformanceBelowGate, $"{model}/v{report.ModelVersion}", "gates", string.Join("; ", report.BelowGate), "churnops.yaml gates", team, message, time.GetUtcNow())
            {
                Cause = $"performance:{model}:v{report.ModelVersion}",
                Severity = AlertSeverity.Critical,
                EvidenceJson = MonitoringEvidence.Performance(model, report.ModelVersion, from, to, report.BelowGate),
            }, ct).ConfigureAwait(false);
            raised.Add(alert);
            triggers.Add(new RetrainingTrigger(RetrainSettings.Performance, $"alert:{alert.Alert.Id}", message));
        }

        return report with { Alerts = raised };
    }

    /// <summary>Estimated metrics below their gate, and realised ones once enough labels have arrived to mean something.</summary>
    private List<string> BelowGate(CbpeEstimate? estimate, RealisedPerformanceReport? realised)
    {
        const int MinimumLabelled = 30;
        var below = new List<string>();
        var window = realised?.Windows.FirstOrDefault();
        foreach (var (metric, gate) in new[] { ("auc", "min_auc"), ("precision", "min_precision"), ("recall", "min_recall") })
        {
            if (!config.Gates.TryGetValue(gate, out var minimum))
            {
                continue;
            }

            var estimated = metric switch { "auc" => estimate?.RocAuc.Value, "precision" => estimate?.Precision.Value, _ => estimate?.Recall.Value };
            if (estimated is { } e && double.IsFinite(e) && e < minimum)
            {
                below.Add(string.Create(CultureInfo.InvariantCulture, $"estimated {metric} {e:0.###} < {gate} {minimum:0.###}"));
            }

            var actual = window is { Labelled: >= MinimumLabelled } ? metric switch { "auc" => window.Auc, "precision" => window.Precision, _ => window.Recall } : null;
            if (actual is { } a && a < minimum)
            {
                below.Add(string.Create(CultureInfo.InvariantCulture, $"realised {metric} {a:0.###} < {gate} {minimum:0.###}"));
            }
        }

        return below;
    }
}
