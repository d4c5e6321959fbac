using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Platform.Registry.Cards;

/// <summary>
/// Builds a version's model card from its registry record and its recorded evaluation evidence: metrics with bootstrap
/// intervals on the test split, the threshold policy, per-segment metrics for model.segments, owners from the teams.
/// Pure: the same inputs give the same card.
/// </summary>
public static class ModelCardBuilder
{
    /// <summary>The product target the seeds name (80% precision) when the model was not trained to a target of its own.</summary>
    public const double DefaultPrecisionTarget = 0.80;

    /// <summary>A segment smaller than this gets its size but no metrics: its intervals would say nothing.</summary>
    public const int MinimumSegmentRows = 30;

    /// <summary>A segment column with more distinct test values than this is not a segmentation (an id, a measurement).</summary>
    public const int MaximumSegments = 25;

    private static readonly string[] SegmentMetrics = ["auc", "precision", "recall", "f1"];

    public static ModelCard Build(ModelVersion version, EvaluationEvidence evidence, ProjectConfig config, IReadOnlyList<string> aliases, IReadOnlyList<ModelCardApproval> approvals)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(config);
        var recipe = evidence.Recipe;
        var held = evidence.HeldOut;
        var bootstrap = BootstrapSettings.Default(recipe.Seed);
        var metrics = Metrics(held.TestScores, held.TestLabels, held.Threshold, bootstrap, string.Empty, BootstrapMetrics.Names);
        var (segments, segmentMetrics) = Segments(held, config.Model.Segments, bootstrap);
        var policy = ThresholdPolicy(held, bootstrap);
        var testPositives = held.TestLabels.Count(l => l);
        var details = new ModelCardDetails(
            version.ModelName,
            $"Scores each {recipe.Entity} of project '{config.Project}' with the probability that '{recipe.Label}' is true, from the features of {recipe.View}; {version.Trainer} chosen among {string.Join(", ", recipe.Trainers)}.",
            Owners(config),
            new ModelCardVersion(version.Version.ToString(CultureInfo.InvariantCulture), version.CreatedAt, version.Description, version.CreatedBy),
            version.ArtifactPath,
            aliases,
            Status(version.Status));
        var parameters = new ModelCardParameters(
            version.Trainer,
            recipe.Parameters,
            [
                new ModelCardDataset("training set", recipe.Source, recipe.Rows, recipe.Positives, Rate(recipe.Positives, recipe.Rows), recipe.DatasetVersion, recipe.DataHash),
                new ModelCardDataset("test split", $"{Percent(recipe.TestFraction)} of the training set, stratified by label (seed {recipe.Seed}); held out from fitting, selection and the threshold", held.TestLabels.Length, testPositives, Rate(testPositives, held.TestLabels.Length), recipe.DatasetVersion, recipe.DataHash),
            ],
            Features(recipe, held.TestRows),
            $"one row per {recipe.Entity}: the {recipe.Features.Count} feature columns (a missing value is allowed)",
            $"probability that '{recipe.Label}' is true, and the label at threshold {Number(held.Threshold)}");
        var analysis = new ModelCardAnalysis("test", bootstrap.Describe(), [.. metrics, .. segmentMetrics], policy, segments);
        return new ModelCard(ModelCard.CurrentFormat, details, parameters, analysis, Considerations(version, recipe, held, policy, segments, config), approvals);
    }

    private static List<ModelCardMetric> Metrics(float[] scores, bool[] labels, double threshold, BootstrapSettings settings, string slice, IReadOnlyList<string> names) =>
        BootstrapMetrics.Compute(scores, labels, threshold, settings)
            .Where(m => names.Contains(m.Metric))
            .Select(m => new ModelCardMetric(m.Metric, m.Estimate, slice, Interval(m), threshold, m.Note))
            .ToList();

    private static ModelCardInterval? Interval(MetricInterval metric) =>
        metric.Low is { } low && metric.High is { } high ? new ModelCardInterval(low, high) : null;

    private static ModelCardThresholdPolicy ThresholdPolicy(HeldOutEvidence held, BootstrapSettings settings)
    {
        var target = held.TargetPrecision ?? DefaultPrecisionTarget;
        var point = OperatingPoint.ForPrecisionTarget(held, target, settings);
        var chosen = point.TargetMet
            ? $"chosen on the validation split as the cut with the most recall at precision >= {Percent(target)}"
            : $"no cut reached precision {Percent(target)} on the validation split, so this is the max-F1 cut";
        var serving = held.TargetPrecision is not null
            ? "The model serves at this threshold."
            : $"The model serves at threshold {Number(held.Threshold)} ({held.ThresholdPolicy}).";
        var statement = $"Precision target {Percent(target)}: threshold {Number(point.Threshold)} ({chosen}) gives precision {Described(point.Precision)} and recall {Described(point.Recall)} on the test split. {serving}";
        return new ModelCardThresholdPolicy(held.ThresholdPolicy, held.Threshold, target, point.Threshold, point.TargetMet,
            point.Precision.Estimate, Interval(point.Precision), point.Recall.Estimate, Interval(point.Recall), statement);
    }

    private static (List<ModelCardSegment> Segments, List<ModelCardMetric> Metrics) Segments(HeldOutEvidence held, IReadOnlyList<string> columns, BootstrapSettings settings)
    {
        var segments = new List<ModelCardSegment>();
        var metrics = new List<ModelCardMetric>();
        foreach (var name in columns)
        {
            if (!held.TestRows.TryGetColumn(name, out var column))
            {
                segments.Add(new ModelCardSegment(name, string.Empty, 0, 0, $"column '{name}' is not in the training data"));
                continue;
            }

            var groups = Enumerable.Range(0, held.TestRows.RowCount)
                .GroupBy(row => column.TextAt(row) ?? "(missing)", StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            if (groups.Count > MaximumSegments)
            {
                segments.Add(new ModelCardSegment(name, string.Empty, held.TestRows.RowCount, held.TestLabels.Count(l => l),
                    $"{groups.Count} distinct values in the test split (more than {MaximumSegments}); segment by a categorical column"));
                continue;
            }

            foreach (var group in groups)
            {
                var rows = group.ToArray();
                var labels = rows.Select(r => held.TestLabels[r]).ToArray();
                var positives = labels.Count(l => l);
                var note = rows.Length < MinimumSegmentRows ? $"too few rows for metrics ({rows.Length} < {MinimumSegmentRows})"
                    : positives == 0 || positives == rows.Length ? $"one class only (all {(positives == 0 ? "negative" : "positive")}); no metrics"
                    : null;
                segments.Add(new ModelCardSegment(name, group.Key, rows.Length, positives, note));
                if (note is null)
                {
                    metrics.AddRange(Metrics(rows.Select(r => held.TestScores[r]).ToArray(), labels, held.Threshold, settings, $"{name}={group.Key}", SegmentMetrics));
                }
            }
        }

        return (segments, metrics);
    }

    private static List<ModelCardFeature> Features(TrainingRecipe recipe, TabularData rows)
    {
        // With one view every feature is that view's; with several, the card names the views but not which column came from which.
        var (view, viewVersion) = recipe.FeatureViewVersions.Count == 1 ? (recipe.FeatureViewVersions.Keys.First(), recipe.FeatureViewVersions.Values.First()) : ((string?)null, (string?)null);
        return recipe.Features
            .Select(f => new ModelCardFeature(f, rows.TryGetColumn(f, out var c) ? c.Kind.ToString().ToLowerInvariant() : "unknown", view, viewVersion))
            .ToList();
    }

    private static List<ModelCardOwner> Owners(ProjectConfig config)
    {
        // The model's owners are the teams that build and run it; other teams (data producers) own their contracts.
        var owners = config.Teams.Where(t => t.Role is "data-science" or "mlops").ToList();
        return (owners.Count > 0 ? owners : config.Teams).Select(t => new ModelCardOwner(t.Name, t.Role, string.Join(", ", t.Members))).ToList();
    }

    private static ModelCardConsiderations Considerations(ModelVersion version, TrainingRecipe recipe, HeldOutEvidence held, ModelCardThresholdPolicy policy, List<ModelCardSegment> segments, ProjectConfig config)
    {
        var users = Owners(config).Select(o => new ModelCardNote($"{o.Name} ({o.Role})")).ToList();
        var useCases = new List<ModelCardNote>
        {
            new($"Rank {recipe.Entity}s by the probability that '{recipe.Label}' is true, to choose whom to act on (retention offers, outreach), at the serving threshold {Number(held.Threshold)} or the precision-target threshold {Number(policy.TargetThreshold)}."),
        };
        var limitations = new List<ModelCardNote>
        {
            new($"Trained and tested on {recipe.Rows:N0} labelled rows of {recipe.Source} ({Percent(Rate(recipe.Positives, recipe.Rows))} positive); {recipe.Entity}s unlike these, or a different label definition, are out of scope."),
            new("The test split is a random split of the same period as training, not later data: performance on future data can be lower (drift); monitor it."),
            new($"Metrics are estimates on {held.TestLabels.Length:N0} test rows; the 95% intervals show their sampling uncertainty, not drift or label noise."),
        };
        if (!policy.TargetMet)
        {
            limitations.Add(new($"No threshold reached the precision target of {Percent(policy.TargetPrecision)} on validation."));
        }

        limitations.AddRange(segments.Where(s => s.Note is not null).Select(s => new ModelCardNote(s.Value.Length == 0 ? $"Segment {s.Column}: {s.Note}." : $"Segment {s.Column}={s.Value}: {s.Note}.")));
        var tradeoffs = new List<ModelCardNote>
        {
            new("A higher threshold gives fewer, more precise positives and misses more of them (lower recall); the threshold policy above states one operating point."),
        };
        return new ModelCardConsiderations(users, useCases, limitations, tradeoffs);
    }

    private static string Described(MetricInterval metric) =>
        metric.Estimate is not { } value ? $"undefined ({metric.Note})"
        : metric.Low is { } low && metric.High is { } high ? $"{Number(value)} [95% CI {Number(low)}, {Number(high)}]"
        : $"{Number(value)} (no interval: {metric.Note})";

    private static string Status(ModelVersionStatus status) => status switch
    {
        ModelVersionStatus.Approved => "approved",
        ModelVersionStatus.Rejected => "rejected",
        _ => "pending_approval",
    };

    private static double Rate(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    internal static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    internal static string Percent(double value) => value.ToString("0.#%", CultureInfo.InvariantCulture);
}
