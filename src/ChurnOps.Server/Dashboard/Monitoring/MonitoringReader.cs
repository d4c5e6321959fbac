using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Data;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Core.Monitoring.Estimation;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Monitoring.Labels;
using ChurnOps.Platform.Monitoring.Live;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using ChurnOps.Platform.Tracking;

namespace ChurnOps.Server.Dashboard.Monitoring;

/// <summary>
/// Computes what `churnops monitor run` measures, read-only (no alert, no event, no retraining): for each version that
/// predicted in the span, drift of the latest window's logged inputs and scores against the training set it was
/// trained on, with the same drift settings; and, window by window, the CBPE estimate next to the realised performance
/// from the labels that arrived.
/// </summary>
internal sealed class MonitoringReader(ProjectConfig config, IWarehouse warehouse, IModelRegistry registry, IArtifactStore artifacts, RunLogger runs, ServedModelCache models, TimeProvider time)
{
    public const int MaxWindows = 60;
    private readonly IDriftDetector _drift = new DriftAnalyzer();

    /// <summary>Null with an error for a bad window or count; a model with nothing to show has a <see cref="MonitoringPageModel.Message"/>.</summary>
    public async Task<(MonitoringPageModel? Model, string? Error)> ReadAsync(string? model, string? window, int? windows, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(model) ? config.Model.Name : model.Trim();
        var windowText = string.IsNullOrWhiteSpace(window) ? config.Monitoring.Window : window.Trim();
        var (span, spanError) = MonitoringWindow.Parse(windowText, "window");
        if (span is null)
        {
            return (null, spanError);
        }

        var count = windows ?? 7;
        if (count is < 1 or > MaxWindows)
        {
            return (null, $"windows: {count} is out of range; give 1 to {MaxWindows}");
        }

        var to = time.GetUtcNow();
        var from = to - (span.Value * count);
        var page = new MonitoringPageModel(name, MonitoringWindow.Format(span.Value), count, from, to, null, []);
        if (await registry.GetModelAsync(name, ct).ConfigureAwait(false) is null)
        {
            return (page with { Message = $"no registered model '{name}' — train and register one with `churnops train`" }, null);
        }

        var live = new LivePredictions(warehouse);
        var (arms, armsError) = await live.ArmsAsync(name, null, from, to, ct).ConfigureAwait(false);
        if (armsError is not null)
        {
            return (page with { Message = armsError }, null);
        }

        var horizon = MonitoringWindow.Parse(config.Monitoring.LabelHorizon, "monitoring.label_horizon").Span ?? TimeSpan.FromDays(90);
        var versions = new List<MonitoredVersion>();
        foreach (var (version, rows) in arms.OrderByDescending(a => a.Version))
        {
            versions.Add(await ReadVersionAsync(live, name, version, rows, span.Value, count, to, horizon, ct).ConfigureAwait(false));
        }

        return (page with { Versions = versions }, null);
    }

    private async Task<MonitoredVersion> ReadVersionAsync(LivePredictions live, string name, int number, long rows, TimeSpan window, int count, DateTimeOffset to, TimeSpan horizon, CancellationToken ct)
    {
        var notes = new List<string>();
        var realised = await new RealisedPerformanceReader(warehouse, config).ReadAsync(name, number, to, window, count, horizon, ct).ConfigureAwait(false);
        if (realised.Note is { } labelNote)
        {
            notes.Add(labelNote);
        }

        if (await registry.GetAsync(name, number, ct).ConfigureAwait(false) is not { } version)
        {
            notes.Add($"version {number} is not in the registry; its predictions cannot be compared with a training set");
            return new MonitoredVersion(number, rows, null, Points(window, count, to, realised, null), notes);
        }

        var reference = await TrainingReference.ReadAsync(artifacts, await runs.GetArtifactRootAsync(version.RunId, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        if (reference is null)
        {
            notes.Add($"version {number} has no kept training set (trained before references were kept); retrain to monitor its drift");
            return new MonitoredVersion(number, rows, null, Points(window, count, to, realised, null), notes);
        }

        var label = version.Lineage.LabelColumn ?? config.Model.Label;
        var inputs = reference.Columns.Where(c => !c.Name.Equals(label, StringComparison.OrdinalIgnoreCase)).ToList();
        double[]? referenceScores = null;
        var threshold = 0.5;
        var (served, servedError) = await models.GetVersionAsync(name, number, ct).ConfigureAwait(false);
        if (served is not null)
        {
            referenceScores = Array.ConvertAll(served.Engine.ScoreBatch(new TabularData(inputs)), s => (double)s);
            threshold = served.Engine.Threshold;
        }
        else
        {
            notes.Add($"version {number} could not be loaded to score its training set ({servedError}); no prediction drift or estimate");
        }

        // Drift: the newest window against the training set, as `monitor run` compares them.
        DriftReport? drift = null;
        var latest = await live.ReadArmAsync(name, number, to - window, to, inputs, ct).ConfigureAwait(false);
        if (latest.Rows == 0)
        {
            notes.Add($"no predictions in the latest {MonitoringWindow.Format(window)}; drift is measured on the latest window only");
        }
        else
        {
            var referenceColumns = inputs.Select(c => DriftColumnData.From(c)).ToList();
            var currentColumns = latest.Inputs.Columns.Select(c => DriftColumnData.From(c)).ToList();
            if (referenceScores is not null)
            {
                referenceColumns.Add(DriftColumnData.Numeric("prediction", referenceScores, DriftColumnRole.Prediction));
                currentColumns.Add(DriftColumnData.Numeric("prediction", latest.Probabilities, DriftColumnRole.Prediction));
            }

            var outcome = _drift.Detect(referenceColumns, currentColumns, config.Monitoring.Drift.ToOptions(), ct);
            drift = outcome.Report;
            if (!outcome.Succeeded)
            {
                notes.Add("drift: " + outcome.Error);
            }
        }

        // Estimates: CBPE calibrated once on the training set's scores and labels, applied to each window's scores.
        CbpeEstimator? estimator = null;
        if (referenceScores is not null && reference.TryGetColumn(label, out var labels) && labels.Numbers is { } labelValues)
        {
            var fit = CbpeEstimator.Fit(referenceScores, Array.ConvertAll(labelValues, v => v == 1), new CbpeOptions { Threshold = threshold });
            estimator = fit.Estimator;
            if (fit.Error is { } fitError)
            {
                notes.Add("estimate: " + fitError);
            }
        }

        var estimates = new List<CbpeEstimate?>();
        for (var k = count - 1; k >= 0; k--)
        {
            var end = to - (window * k);
            var scores = estimator is null ? null : (await live.ReadArmAsync(name, number, end - window, end, [], ct).ConfigureAwait(false)).Probabilities;
            estimates.Add(scores is { Length: > 0 } ? estimator!.Estimate(scores).Estimate : null);
        }

        return new MonitoredVersion(number, rows, drift, Points(window, count, to, realised, estimator is null ? null : estimates), notes);
    }

    /// <summary>Oldest window first; <paramref name="estimates"/> in the same order, or null when none could be made.</summary>
    private static List<PerformancePoint> Points(TimeSpan window, int count, DateTimeOffset to, RealisedPerformanceReport realised, IReadOnlyList<CbpeEstimate?>? estimates)
    {
        var points = new List<PerformancePoint>();
        for (var i = 0; i < count; i++)
        {
            var end = to - (window * (count - 1 - i));
            var start = end - window;
            var actual = realised.Windows.FirstOrDefault(w => w.To == end) ?? realised.Windows.FirstOrDefault(w => Math.Abs((w.To - end).TotalSeconds) < 1);
            var estimate = estimates?[i];
            points.Add(new PerformancePoint(start, end, estimate?.Rows ?? actual?.Predictions ?? 0, actual?.Labelled ?? 0,
                Finite(estimate?.RocAuc.Value), Finite(estimate?.RocAuc.Lower), Finite(estimate?.RocAuc.Upper), Finite(estimate?.Precision.Value), Finite(estimate?.Recall.Value),
                Finite(actual?.Auc), Finite(actual?.Precision), Finite(actual?.Recall)));
        }

        return points;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
