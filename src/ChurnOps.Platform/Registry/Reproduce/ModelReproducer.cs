using System.Globalization;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry.Cards;
using ChurnOps.Platform.Training;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Platform.Registry.Reproduce;

/// <summary>
/// Re-runs a version's training from its recorded lineage (the training set rebuilt point-in-time as training built it,
/// the same trainer, hyper-parameter search, split and seed) and scores the version's recorded test rows with the new
/// model: identical means every score equal bit for bit and nothing in the lineage changed. Otherwise each difference
/// is named: the data (training-set hash), a feature view's version, the code version, the training-set definition,
/// or, with all of those equal, the trainer itself. Registers nothing and logs no run.
/// </summary>
public sealed class ModelReproducer(ModelLifecycle lifecycle, ModelCardStore cards, TrainingUseCase training, ProjectConfig config, TimeProvider time)
{
    public async Task<ReproduceResult> ReproduceAsync(ModelUri uri, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var resolved = await lifecycle.ResolveAsync(uri, ct).ConfigureAwait(false);
        if (resolved.Value is not { } version)
        {
            return ReproduceResult.Failed(resolved.Error!.Message);
        }

        var (evidence, evidenceError) = await cards.ReadEvidenceAsync(version, ct).ConfigureAwait(false);
        if (evidence is null)
        {
            return ReproduceResult.Failed(evidenceError!);
        }

        var recipe = evidence.Recipe;
        var differences = new List<ReproduceDifference>();
        Compare(recipe, differences);
        var result = new ReproduceResult(null, version.ModelName, version.Version, recipe.Trainer, recipe.Seed, evidence.HeldOut.TestRows.RowCount, 0, 0, recipe.DataHash, null, differences);

        progress?.Report($"rebuilding the training set of {version.ModelName} version {version.Version}");
        var job = new ModelTrainingJob(recipe.Table, version.ModelName, recipe.Label, "reproduce", recipe.Seed, "churnops reproduce") { TestTable = recipe.TestTable };
        var rows = await training.ReadRowsAsync(job, progress, ct).ConfigureAwait(false);
        if (rows.Error is not null)
        {
            differences.Add(new(ReproduceDifference.DataChanged, "the training set cannot be rebuilt: " + rows.Error));
            return result;
        }

        foreach (var (view, recorded) in recipe.FeatureViewVersions)
        {
            var now = rows.TrainingSet?.FeatureViewVersions.GetValueOrDefault(view);
            if (now != recorded)
            {
                differences.Add(new(ReproduceDifference.FeatureViewChanged, $"{view} version {recorded} recorded, {now ?? "absent"} now"));
            }
        }

        progress?.Report($"training {recipe.Trainer} again (seed {recipe.Seed})");
        // A blend is re-run from its members, and only the blend may win again.
        var members = CandidateTrainer.BlendMembers(recipe.Parameters);
        var trainers = recipe.Trainer == CandidateTrainer.BlendTrainer && members.Count > 0 ? members : [recipe.Trainer];
        var request = new TrainingRequest(rows.Data!, recipe.Label, recipe.Exclude, trainers, recipe.Seed, recipe.TestFraction, EvaluationGates.None)
        {
            Winner = recipe.Trainer,
            ValidationFraction = recipe.ValidationFraction,
            SearchTrials = recipe.SearchTrials,
            CrossValidationFolds = recipe.CrossValidationFolds,
            CardinalityCap = recipe.CardinalityCap,
            Threshold = recipe.TargetPrecision is { } target ? ThresholdPolicy.PrecisionAtLeast(target) : ThresholdPolicy.MaxF1,
            TestRows = rows.TestRows,
            PositiveLabel = recipe.PositiveLabel,
            ImportanceRepeats = 0,
            RenderPlots = false,
            Time = time,
        };
        var outcome = await new CandidateTrainer().TrainAsync(request, progress, ct).ConfigureAwait(false);
        var hash = rows.TrainingSet?.TrainingSetHash ?? (outcome.Data.Digest is { Length: > 0 } digest ? digest : null);
        if (hash is not null && hash != recipe.DataHash)
        {
            differences.Insert(0, new(ReproduceDifference.DataChanged,
                $"training-set hash {recipe.DataHash} recorded, {hash} now ({Count(recipe.Rows)} rows recorded, {Count(rows.Data!.RowCount)} now)"));
        }

        result = result with { DataHash = hash };
        if (outcome.WinnerPackage is not { } package)
        {
            differences.Add(new(ReproduceDifference.TrainingFailed, outcome.Error ?? "no model was trained"));
            return result;
        }

        var (scores, scoreError) = HeldOutScorer.Score(package, evidence.HeldOut.TestRows);
        if (scores is null)
        {
            differences.Add(new(ReproduceDifference.ScoresDiffer, "the re-run model cannot score the recorded test rows: " + scoreError));
            return result;
        }

        var (differing, maxDiff) = CompareScores(evidence.HeldOut.TestScores, scores);
        if (differing > 0)
        {
            var summary = $"{Count(differing)} of {Count(scores.Length)} test scores differ (max abs diff {maxDiff.ToString("G9", CultureInfo.InvariantCulture)})";
            differences.Add(differences.Count == 0
                ? new(ReproduceDifference.TrainerNondeterminism, $"{summary} with data, feature views, code, trainer and seed unchanged")
                : new(ReproduceDifference.ScoresDiffer, summary));
        }

        return result with { DifferingScores = differing, MaxAbsDifference = maxDiff };
    }

    /// <summary>The number of scores that are not bit-identical, and the largest absolute difference.</summary>
    public static (int Differing, double MaxAbsDifference) CompareScores(ReadOnlySpan<float> recorded, ReadOnlySpan<float> now)
    {
        if (recorded.Length != now.Length)
        {
            throw new ArgumentException($"{recorded.Length} recorded scores but {now.Length} new ones.", nameof(now));
        }

        var differing = 0;
        var max = 0.0;
        for (var i = 0; i < recorded.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(recorded[i]) != BitConverter.SingleToInt32Bits(now[i]))
            {
                differing++;
                max = Math.Max(max, Math.Abs((double)recorded[i] - now[i]));
            }
        }

        return (differing, max);
    }

    private void Compare(TrainingRecipe recipe, List<ReproduceDifference> differences)
    {
        var code = TrainingUseCase.CodeVersion();
        if (code != recipe.CodeVersion)
        {
            differences.Add(new(ReproduceDifference.CodeChanged, $"code version {recipe.CodeVersion ?? "not recorded"} recorded, {code ?? "unknown"} now"));
        }

        if (recipe.Table is not null)
        {
            return;
        }

        // The training set is rebuilt from today's churnops.yaml: a changed definition is a difference of its own.
        var model = config.Model;
        var dot = model.Table.IndexOf('.', StringComparison.Ordinal);
        foreach (var (key, recorded, now) in new[]
        {
            ("model.labels", recipe.Labels, model.Labels),
            ("model.entity", recipe.Entity, model.Entity),
            ("model.label_time", recipe.LabelTime, model.LabelTime),
            ("model.table", recipe.View, dot >= 0 ? model.Table[(dot + 1)..] : model.Table),
        })
        {
            if (!string.Equals(recorded, now, StringComparison.Ordinal))
            {
                differences.Add(new(ReproduceDifference.DefinitionChanged, $"{key} was '{recorded}', is '{now}'"));
            }
        }
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
