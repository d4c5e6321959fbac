using System.Diagnostics;
using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Evaluation;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Training.Candidates;

/// <summary>
/// Trains every requested candidate on the same stratified split, searches each one's hyper-parameters by CV on the train
/// split, stacks them into a blend candidate, picks thresholds and checks gates on validation, chooses the winner by its
/// cross-validated and validation AUC pooled (<see cref="CandidateSelection"/>) among those that pass, and touches the
/// test split only to report. Expected failures (bad data, no candidate passing) come back as values.
/// </summary>
public sealed class CandidateTrainer
{
    /// <summary>The trainer name a blend of the candidates is registered under.</summary>
    public const string BlendTrainer = CandidateBlend.Name;

    /// <summary>The trainers a blend was stacked from, read from its parameters; empty for a single candidate.</summary>
    public static IReadOnlyList<string> BlendMembers(IReadOnlyDictionary<string, string> parameters) => CandidateBlend.MembersOf(parameters);

    public Task<TrainingOutcome> TrainAsync(TrainingRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.Run(() => Train(request, progress, ct), ct);
    }

    private static TrainingOutcome Train(TrainingRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // Trainer names are matched without regard to case or surrounding spaces ("LightGBM" is lightgbm).
        request = request with { Trainers = (request.Trainers ?? []).Select(t => t.Trim().ToLowerInvariant()).ToList() };
        if (RequestValidator.Validate(request) is { } invalid)
        {
            return TrainingOutcome.Failed(invalid);
        }

        var (data, error) = PreparedData.Prepare(request);
        if (data is null)
        {
            return TrainingOutcome.Failed(error!);
        }

        var summary = data.Summary();
        if (summary.IgnoredColumns.Count > 0)
        {
            progress?.Report($"ignored identifier-like columns: {string.Join(", ", summary.IgnoredColumns)}");
        }

        progress?.Report($"{summary.Rows} rows ({summary.Positives} positive), train/validation/test {summary.TrainRows}/{summary.ValidationRows}/{summary.TestRows}, {summary.ColumnsUsed.Count} columns -> {summary.FeatureDimension} features");
        var fitted = CandidateSearch.Run(data, request, progress, ct);
        if (request.Blend && fitted.Count >= 2)
        {
            progress?.Report($"blending {string.Join(", ", fitted.Select(f => f.Trainer))} (stacked on out-of-fold scores)");
            fitted = [.. fitted, CandidateBlend.Fit(data, request, fitted, ct)];
        }

        var validationLabels = data.Matrix.LabelsOf(data.Validation);
        var testLabels = data.Matrix.LabelsOf(data.Test);
        var policy = request.Threshold ?? ThresholdPolicy.MaxF1;
        var candidates = new List<CandidateResult>(fitted.Count);
        foreach (var candidate in fitted)
        {
            ct.ThrowIfCancellationRequested();
            var (threshold, targetMet) = ThresholdSelector.Choose(candidate.ValidationScores, validationLabels, policy);
            var validation = BinaryMetrics.Compute(candidate.ValidationScores, validationLabels, threshold);
            var best = candidate.Trials.OrderByDescending(t => t.CvAucMean).ThenBy(t => t.Index).First();
            validation["cv_auc_mean"] = best.CvAucMean;
            validation["cv_auc_std"] = best.CvAucStd;
            validation[CandidateSelection.Metric] = CandidateSelection.PooledAuc(best.CvAucMean, data.Train.Length, validation["auc"], data.Validation.Length);
            validation["latency_p95_ms"] = LatencyProbe.P95Milliseconds(candidate.Context, candidate.Model, data.Matrix, data.Validation);
            validation["threshold_target_met"] = targetMet ? 1 : 0;
            var test = BinaryMetrics.Compute(candidate.TestScores, testLabels, threshold);
            var failures = GateCheck.Failures(request.Gates, validation);
            var parameters = new Dictionary<string, string>(candidate.Params, StringComparer.Ordinal) { ["trainer"] = candidate.Trainer };
            candidates.Add(new CandidateResult(candidate.Trainer, parameters, validation, test, threshold, failures.Count == 0, failures, candidate.TrainingTime)
            {
                Trials = candidate.Trials,
            });
            progress?.Report($"{candidate.Trainer}: validation auc {validation["auc"]:0.0000}, threshold {threshold:0.000}, {(failures.Count == 0 ? "passed gates" : "failed: " + string.Join("; ", failures))}");
        }

        // Selection looks at validation and CV only; test metrics above are for the report.
        var winnerIndex = CandidateSelection.Winner(candidates, request.Winner);
        var report = new RunReport(request, data, candidates);
        if (winnerIndex < 0)
        {
            var reasons = string.Join("; ", candidates.Select(c => $"{c.Trainer}: {string.Join(", ", c.GateFailures)}"));
            return new TrainingOutcome(false, "no candidate passed the evaluation gates (" + reasons + ")", candidates, null, null, summary)
            {
                RunParams = report.Params(null),
                RunMetrics = report.Metrics(null),
                MetricHistory = report.History(),
                Artifacts = report.Artifacts(null, [], [], null),
                Elapsed = Stopwatch.GetElapsedTime(started),
            };
        }

        var winner = candidates[winnerIndex];
        var winnerFit = fitted[winnerIndex];
        progress?.Report($"winner: {winner.Trainer} (cv + validation auc {winner.ValidationMetrics[CandidateSelection.Metric]:0.0000}, validation auc {winner.ValidationMetrics["auc"]:0.0000}, test auc {winner.TestMetrics["auc"]:0.0000})");
        var importance = request.ImportanceRepeats > 0
            ? PermutationImportance.Compute(winnerFit.ValidationModel, data.Encoder, data.Matrix, data.Validation, request.ImportanceRepeats, request.Seed, ct)
            : [];
        var calibration = BinaryMetrics.Calibration(winnerFit.TestScores, testLabels);
        var (aucLow, aucHigh) = BinaryMetrics.AucInterval(winnerFit.TestScores, testLabels, resamples: 200, request.Seed);
        var metrics = report.Metrics(winner);
        metrics["test_auc_ci95_low"] = aucLow;
        metrics["test_auc_ci95_high"] = aucHigh;
        var package = new ModelPackage(
            winnerFit.Context,
            winnerFit.Model,
            data.Encoder,
            Signature(data, request.LabelColumn),
            new ModelMetadata(winner.Trainer, winner.Params, winner.ValidationMetrics, winner.TestMetrics, winner.Threshold, policy.Name, request.Seed, request.Time.GetUtcNow()));
        var testRows = data.Table.Take(data.Test);
        var (testScores, scoreError) = HeldOutScorer.Score(package, testRows);
        var evidence = new HeldOutEvidence(testRows, testLabels, testScores ?? throw new InvalidOperationException(scoreError), validationLabels, winnerFit.ValidationScores, winner.Threshold, policy.Name, policy.TargetPrecision);
        return new TrainingOutcome(true, null, candidates, winner, package, summary)
        {
            Evidence = evidence,
            RunParams = report.Params(winner),
            RunMetrics = metrics,
            MetricHistory = report.History(),
            Artifacts = report.Artifacts(winner, importance, calibration, (winnerFit.TestScores, testLabels)),
            FeatureImportance = importance,
            Calibration = calibration,
            Elapsed = Stopwatch.GetElapsedTime(started),
        };
    }

    private static ModelSignature Signature(PreparedData data, string label) =>
        new(data.Encoder.Columns.Select(c => new SignatureColumn(c.Name, c.Kind == ColumnKind.Text ? "text" : "numeric", Required: true) { DataKind = c.Kind }).ToList(), label);
}
