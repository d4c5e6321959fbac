using System.Globalization;
using System.Text.Json;
using ChurnOps.Training.Evaluation;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Plots;

namespace ChurnOps.Training.Candidates;

/// <summary>Turns a finished search into what a tracking run logs: flat params, flat metrics and artifact files.</summary>
internal sealed class RunReport(TrainingRequest request, PreparedData data, IReadOnlyList<CandidateResult> candidates)
{
    public Dictionary<string, string> Params(CandidateResult? winner)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["label"] = request.LabelColumn,
            ["seed"] = S(request.Seed),
            ["trainers"] = string.Join(',', request.Trainers),
            ["excluded_columns"] = string.Join(',', request.ExcludeColumns ?? []),
            ["test_fraction"] = S(request.TestFraction),
            ["validation_fraction"] = S(request.ValidationFraction),
            ["cv_folds"] = S(request.CrossValidationFolds),
            ["search_trials"] = S(request.SearchTrials),
            ["threshold_policy"] = (request.Threshold ?? ThresholdPolicy.MaxF1).Name,
            ["cardinality_cap"] = S(request.CardinalityCap),
            ["rows"] = S(data.Table.RowCount),
            ["feature_columns"] = S(data.Columns.Count),
            ["feature_dimension"] = S(data.Encoder.Dimension),
            ["dataset_digest"] = data.Summary().Digest,
            ["ignored_columns"] = string.Join(',', data.Ignored),
        };
        if (winner is not null)
        {
            p["winner"] = winner.Trainer;
            foreach (var (key, value) in winner.Params)
            {
                p["winner." + key] = value;
            }
        }

        return p;
    }

    public Dictionary<string, double> Metrics(CandidateResult? winner)
    {
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            m[c.Trainer + ".cv_auc"] = c.ValidationMetrics["cv_auc_mean"];
            m[c.Trainer + ".valid_auc"] = c.ValidationMetrics["auc"];
            m[c.Trainer + ".test_auc"] = c.TestMetrics["auc"];
            m[c.Trainer + ".training_seconds"] = c.TrainingTime.TotalSeconds;
            m[c.Trainer + ".latency_p95_ms"] = c.ValidationMetrics["latency_p95_ms"];
        }

        if (winner is not null)
        {
            foreach (var (key, value) in winner.ValidationMetrics)
            {
                m["valid_" + key] = value;
            }

            foreach (var (key, value) in winner.TestMetrics)
            {
                m["test_" + key] = value;
            }

            m["threshold"] = winner.Threshold;
        }

        return m;
    }

    public IReadOnlyList<MetricStep> History() =>
        candidates.SelectMany(c => c.Trials.Select(t => new MetricStep(c.Trainer + ".cv_auc", t.CvAucMean, t.Index))).ToList();

    public IReadOnlyList<TrainingArtifact> Artifacts(CandidateResult? winner, IReadOnlyList<FeatureImportance> importance, IReadOnlyList<CalibrationBin> calibration, (float[] Scores, bool[] Labels)? test)
    {
        var artifacts = new List<TrainingArtifact>
        {
            Json("reports/candidates.json", candidates),
        };
        if (winner is null || test is not { } t)
        {
            return artifacts;
        }

        artifacts.Add(Json("reports/feature_importance.json", importance));
        artifacts.Add(Json("reports/calibration.json", calibration));
        if (request.RenderPlots)
        {
            var curve = BinaryMetrics.Curve(t.Scores, t.Labels);
            artifacts.Add(Png("plots/roc.png", EvaluationPlots.Roc(curve, winner.TestMetrics["auc"])));
            artifacts.Add(Png("plots/pr.png", EvaluationPlots.PrecisionRecall(curve, winner.TestMetrics["pr_auc"])));
            artifacts.Add(Png("plots/calibration.png", EvaluationPlots.Calibration(calibration)));
            if (importance.Count > 0)
            {
                artifacts.Add(Png("plots/feature_importance.png", EvaluationPlots.Importance(importance)));
            }
        }

        return artifacts;
    }

    private static TrainingArtifact Json<T>(string path, T value) =>
        new(path, "application/json", JsonSerializer.SerializeToUtf8Bytes(value, ModelPackage.Json));

    private static TrainingArtifact Png(string path, byte[] bytes) => new(path, "image/png", bytes);

    private static string S(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
